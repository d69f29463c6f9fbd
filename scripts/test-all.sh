#!/usr/bin/env bash
# `npm test`: type-check, lint, build, start the real peers, and run every test project
# (unit, integration, e2e) inside a D-Bus session with an unlocked gnome-keyring, so the
# keychain tests talk to a real Secret Service. Needs `bash scripts/setup.sh --test` first.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "node $(node --version) ($(command -v node))"
case "$(node --version)" in v24.*) ;; *) echo "test: expected Node 24 (run through npm so node_modules/.bin/node is used)" >&2; exit 1 ;; esac

npx tsc -b
npx eslint .
node scripts/build.ts

trap 'bash scripts/peers/stop.sh' EXIT
bash scripts/peers/start.sh

mkdir -p .cache
# shellcheck disable=SC2016
dbus-run-session -- bash -c '
  set -euo pipefail
  # A throwaway login keyring, unlocked with a throwaway password.
  export XDG_DATA_HOME="$(mktemp -d)"
  eval "$(printf "countersign-test" | gnome-keyring-daemon --unlock --components=secrets)"
  source .peers/env
  status=0
  npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json "$@" || status=$?
  node scripts/summarize-tests.ts .cache/vitest.json
  exit $status
' bash "$@"
