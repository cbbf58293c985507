#!/usr/bin/env bash
# One-time set-up on a fresh machine: system packages for the test bed, npm packages, builds.
# Safe to run again: each step is quick when its work is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
npm run build
npm run build:e2e
