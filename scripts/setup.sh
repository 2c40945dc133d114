#!/usr/bin/env bash
# setup: everything Berth needs on a fresh Debian/Ubuntu machine, in one command.
#   - Debian packages: docker-registry and skopeo (a real registry for tests and the demo),
#     apache2-utils (htpasswd), chromium (browser tests and `berth ui` screenshots), postgresql
#     (the team activity store: tests start throwaway clusters with its initdb and pg_ctl);
#   - npm packages, exactly as pinned in package-lock.json. Electron's binary is not downloaded
#     (ELECTRON_SKIP_BINARY_DOWNLOAD=1): where it cannot be fetched, `berth ui` serves the app instead.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(docker-registry skopeo apache2-utils chromium postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "setup: installing npm packages"
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
echo "setup: done. Try: npx berth --help"
