#!/usr/bin/env bash
# Installs the Debian packages the end-to-end test bed needs: Kamailio (SIP registrar/proxy
# with WebSocket), Chromium, SIPp, coturn (STUN/TURN), nftables (a STUN server that never
# answers, inside the test namespace only), Xvfb, and the namespace tools run-e2e.sh uses. Kamailio and
# Chromium are also all `npm run demo` needs (its SIP server and its echo test line).
# Quick and silent when everything is present, so every test run can call it.
set -euo pipefail

PACKAGES=(
  kamailio
  kamailio-websocket-modules
  kamailio-tls-modules
  chromium
  sip-tester
  coturn
  nftables
  xvfb
  xdotool
  iproute2
  util-linux
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: missing ${missing[*]} and apt-get is not available (Debian/Ubuntu only)." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-system-deps: missing ${missing[*]}; run this script as root or install sudo." >&2
  exit 1
fi

echo "install-system-deps: installing ${missing[*]}" >&2

# Debian starts kamailio's system service at install time; the tests run their own instances
# on free ports, so a stray system daemon on 5060 is unwanted. A policy-rc.d that answers 101
# ("action forbidden") stops it, and is removed again only if this script created it.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  "${as_root[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
  created_policy=1
fi
cleanup() {
  if [ "$created_policy" -eq 1 ]; then
    "${as_root[@]}" rm -f "$policy"
  fi
}
trap cleanup EXIT

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
