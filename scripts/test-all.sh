#!/usr/bin/env bash
# Every test the project has, in the order that fails fastest: static checks, unit tests, then
# the end-to-end suite against a real Kamailio in a private network namespace.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || { echo "node_modules is missing: run 'npm run setup' first." >&2; exit 1; }

echo "== lint (process boundaries included)"
npm run --silent lint
echo "== type-check (shared, electron against electron.d.ts, renderer with vue-tsc, e2e)"
npm run --silent typecheck
echo "== unit tests"
npm run --silent test:unit
echo "== builds (web, desktop bundles, e2e web build)"
npm run --silent build
npm run --silent build:e2e
echo "== end-to-end (Chromium + Kamailio + SIPp; the 200-call audio soak, project 'soak', about 2 min)"
npm run --silent test:e2e
