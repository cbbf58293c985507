#!/usr/bin/env bash
# `npm run bench`: builds what the benchmark needs, then runs it (Kamailio, coturn, a static
# server, Chromium and the driver) inside a private network namespace that has only `lo`, so no
# packet leaves the machine and Chromium gathers loopback candidates only. Where no namespace
# can be made it falls back to the host's loopback, with a warning (and no unreachable-STUN
# scenario: its DROP rule is only ever added inside a namespace). BENCH_CALLS sets the number of
# calls per softphone and scenario (default 20); BENCH_SOAK=1 also runs the e2e soak (200
# calls, several minutes) against the same build and prints its figures.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || { echo "node_modules is missing: run 'npm run setup' first." >&2; exit 1; }
bash scripts/install-system-deps.sh

# The bench has builds of its own under dist/bench, so it never overwrites (nor depends on)
# the e2e build a test run may be using (SOFTPHONE_E2E_DIST): app/ is the e2e mode of the web
# target (window.__softphone, which the bench drives), web/ the production build whose
# initial bundle size is reported. Each is rebuilt when missing or older than the sources.
stale() { [ ! -f "$1/index.html" ] || [ -n "$(find renderer shared vite.config.ts -newer "$1/index.html" -print -quit)" ]; }
# BENCH_PROFILE=1 (CPU profiles of our pages, bench/cpu-profile.ts) needs function names: the
# app is then built unminified, and rebuilt minified by the next run without it.
minify=(); [ "${BENCH_PROFILE:-0}" = 1 ] && minify=(--minify false)
[ "$(cat dist/bench/app/.minify 2>/dev/null)" = "${minify[*]}" ] || rm -f dist/bench/app/index.html
if stale dist/bench/app; then
  echo "== building the web target for the bench (vite build --mode e2e -> dist/bench/app)"
  SOFTPHONE_E2E_DIST="$PWD/dist/bench/app" npx vite build --mode e2e --logLevel warn "${minify[@]}"
  echo "${minify[*]}" > dist/bench/app/.minify
fi
if stale dist/bench/web; then
  echo "== building the shipped web target (vite build -> dist/bench/web) for its bundle size"
  npx vite build --outDir "$PWD/dist/bench/web" --emptyOutDir --logLevel error
fi

echo "== bundling the bench (pages, probes, driver)"
mkdir -p dist/bench/baseline dist/bench/jssip
esbuild() { npx esbuild --log-level=warning "$@"; }
esbuild bench/page/probes.ts --bundle --format=iife --outfile=dist/bench/probes.js
esbuild bench/ours-page/ours-agent.ts --bundle --format=iife --outfile=dist/bench/ours-agent.js
esbuild bench/baseline-page/baseline.ts --bundle --format=esm --outfile=dist/bench/baseline/baseline.js
cp bench/baseline-page/index.html dist/bench/baseline/index.html
esbuild bench/jssip-page/jssip-bench.ts --bundle --format=iife --target=chrome120 --outfile=dist/bench/jssip/jssip-bench.js
cp bench/jssip-page/index.html dist/bench/jssip/index.html
# serve-web.mjs stays a separate module: bundled in, its "am I the main script?" check would
# see the bundle's own URL and start the web server. The bundle sits as deep under the
# repository as e2e/support, so the relative import still finds it.
esbuild bench/run-bench.ts --bundle --platform=node --format=esm --packages=external \
  --external:'*/serve-web.mjs' --outfile=dist/bench/run-bench.mjs

if [ "${BENCH_SOAK:-0}" = 1 ]; then
  echo "== e2e soak against the bench's build (its figures are printed with the bench's)"
  SOFTPHONE_E2E_DIST="$PWD/dist/bench/app" SOAK_REPORT="$PWD/dist/bench/soak-report.txt" bash scripts/run-e2e.sh --project=soak
fi

echo "== machine load before the run: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min; 2 cores)"
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
