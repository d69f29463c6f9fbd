#!/usr/bin/env bash
# Sets up a machine to run Countersign (default) or its whole test suite (--test):
# Debian packages, the npm dependencies (on the pinned Node 24), and for --test the
# Python peers (MLflow, the reference model signer) in .peers/venv.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[[ "${1:-}" == "--test" ]] && want_tests=1

# The keychain binding builds against libsecret; the tests need a real Secret Service,
# a browser and the monitoring peers.
debs=(libsecret-1-dev python3 make g++)
if ((want_tests)); then
  debs+=(gnome-keyring dbus-x11 chromium prometheus prometheus-alertmanager python3-venv)
fi
missing=()
for d in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q "install ok installed" || missing+=("$d")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Electron binary is fetched from the internet by its own install script; where that
# is impossible (CI, this workplace) the app runs through the preview transport instead.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
echo "setup: npm ci"
npm ci --no-audit --no-fund --loglevel=error

if ((want_tests)); then
  # Reinstall only when the pinned requirements changed since the venv was made.
  want=$(sha256sum scripts/peers/requirements.txt | cut -d' ' -f1)
  have=$(cat .peers/venv/.requirements.sha256 2>/dev/null || true)
  if [[ "$want" != "$have" ]]; then
    echo "setup: installing mlflow and model-signing into .peers/venv"
    python3 -m venv .peers/venv
    .peers/venv/bin/pip install -q --disable-pip-version-check -r scripts/peers/requirements.txt
    echo "$want" >.peers/venv/.requirements.sha256
  fi
fi
echo "setup: done"
