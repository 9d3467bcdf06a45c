#!/usr/bin/env bash
# Every test, on a fresh machine with only Node >= 20 and apt: arranges Node 22 (the Grafana toolchain needs it),
# Debian's prometheus/promtool and chromium (the integration tests start their own instances on loopback), then
# runs `npm install-ci-test` (npm ci, then npm test) and Grafana's compatibility check. CI (.ci/run and the
# GitHub workflow) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node >= 22: the npm package `node@22` ships a real Node binary. Installed outside the repo.
if ! node --version 2>/dev/null | grep -q '^v2[2-9]\.'; then
  NODE22_DIR="${NODE22_DIR:-${HOME:-/root}/.cache/ecoti-node22}"
  if ! "$NODE22_DIR/node_modules/.bin/node" --version 2>/dev/null | grep -q '^v22\.'; then
    npm install --prefix "$NODE22_DIR" --no-audit --no-fund --loglevel=error node@22
  fi
  export PATH="$NODE22_DIR/node_modules/.bin:$PATH"
fi
echo "node $(node --version), npm $(npm --version)"

missing=()
command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian package starts a system Prometheus; the tests start their own.
  ($SUDO service prometheus stop || $SUDO systemctl stop prometheus || $SUDO pkill -x prometheus) >/dev/null 2>&1 || true
fi

npm install-ci-test
bash scripts/check-compatibility.sh
