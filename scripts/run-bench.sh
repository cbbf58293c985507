#!/usr/bin/env bash
# `npm run bench`: builds what the benchmark needs, then runs it (Kamailio, a static server,
# Chromium and the driver) inside a private network namespace that has only `lo`, so no packet
# leaves the machine and Chromium gathers loopback candidates only. Where no namespace can be
# made it falls back to the host's loopback, with a warning. BENCH_CALLS sets the number of
# calls per implementation (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || { echo "node_modules is missing: run 'npm run setup' first." >&2; exit 1; }
bash scripts/install-system-deps.sh

# The e2e build of the web target exposes window.__softphone, which the bench drives. Rebuild it
# when missing or older than the sources it is made from.
if [ ! -f dist/e2e/index.html ] || [ -n "$(find renderer shared vite.config.ts -newer dist/e2e/index.html -print -quit)" ]; then
  echo "== building the e2e web target (vite build --mode e2e)"
  npx vite build --mode e2e --logLevel warn
fi

echo "== bundling the bench (pages, probes, driver)"
mkdir -p dist/bench/baseline
esbuild() { npx esbuild --log-level=warning "$@"; }
esbuild bench/page/probes.ts --bundle --format=iife --outfile=dist/bench/probes.js
esbuild bench/ours-page/ours-agent.ts --bundle --format=iife --outfile=dist/bench/ours-agent.js
esbuild bench/baseline-page/baseline.ts --bundle --format=esm --outfile=dist/bench/baseline/baseline.js
cp bench/baseline-page/index.html dist/bench/baseline/index.html
# serve-web.mjs stays a separate module: bundled in, its "am I the main script?" check would
# see the bundle's own URL and start the web server. The bundle sits as deep under the
# repository as e2e/support, so the relative import still finds it.
esbuild bench/run-bench.ts --bundle --platform=node --format=esm --packages=external \
  --external:'*/serve-web.mjs' --outfile=dist/bench/run-bench.mjs

export BENCH_REPO_ROOT="$PWD"
run_driver='ip link set lo up && exec node dist/bench/run-bench.mjs'
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  BENCH_NETWORK="private network namespace (lo only)" exec unshare -n sh -c "$run_driver"
elif unshare -rn true 2>/dev/null; then
  BENCH_NETWORK="private user+network namespace (lo only)" exec unshare -rn sh -c "$run_driver"
else
  echo "WARNING: cannot create a network namespace here; the bench runs on the host's loopback and Chromium may also gather candidates on other interfaces." >&2
  BENCH_NETWORK="host loopback (no namespace)" exec node dist/bench/run-bench.mjs
fi
