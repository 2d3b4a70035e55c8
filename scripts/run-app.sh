#!/usr/bin/env bash
# `npm run app`: everything needed to use the app from a fresh clone, then the
# dashboard in headless mode (open the printed URL). On a Debian root machine with no
# registry it provisions the engine and builds the local images the stack runs on;
# elsewhere the stack's default public images are used.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${ATOM_NO_FIXTURES:-}" ]; then
  bash scripts/ensure-engine.sh
  # Exported so the stack file's ${VALKEY_IMAGE} / ${ATOM_BACKEND_IMAGE} pick them up.
  set -a
  eval "$(bash scripts/fixtures.sh)"
  set +a
fi
[ -f renderer/dist/index.html ] || npm run build:renderer
exec node bin/atom-desktop.mjs serve "$@"
