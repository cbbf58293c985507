#!/usr/bin/env bash
# Runs the Playwright suite inside a private network namespace that only has `lo`, so that
# Kamailio, SIPp and Chromium (which gathers ICE candidates on every interface) can only
# talk over loopback. Arguments go to `playwright test`; its exit code is ours.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh

# Inside a fresh namespace `lo` exists but is down. Single quotes on purpose: the inner
# shell expands "$@" (the command below, passed as its arguments) without re-splitting it.
inner='ip link set lo up && exec "$@"'
command=(npx playwright test "$@")

# Headed runs and the Electron project need a display; Xvfb provides one without a screen.
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  command=(xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" "${command[@]}")
fi

if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  exec unshare -n sh -c "$inner" sh "${command[@]}"
elif unshare -rn true 2>/dev/null; then
  exec unshare -rn sh -c "$inner" sh "${command[@]}"
else
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "run-e2e: WARNING: no network namespace could be created (not root, and user" >&2
  echo "run-e2e: namespaces are disabled). Running on the host's loopback: ports are free" >&2
  echo "run-e2e: ones on 127.0.0.1, but Chromium may also gather candidates on other interfaces." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  exec "${command[@]}"
fi
