#!/usr/bin/env bash
# Everything CI needs on a fresh Debian 12 root machine: engine, compose v1 and v2,
# debootstrap, a browser and a virtual display, then the fixture images.
# Installs only what is missing. Fixture image names go to stdout (fixtures.sh).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DEBIAN_FRONTEND=noninteractive

log() { printf '[provision %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "ERROR: provisioning installs packages and starts dockerd: run it as root"
  exit 1
fi

# package -> a command that proves it is installed
# fonts-dejavu-core: a fresh image may have no fonts, and screenshots would show boxes.
# openssh-server, openssl, iproute2: the remote-engine tests' test host (an sshd and a
# TLS dockerd in a network namespace, with certificates made for the test).
declare -A PROVIDES=([docker.io]=dockerd [docker-compose]=docker-compose [debootstrap]=debootstrap [chromium]=chromium [xvfb]=Xvfb [fonts-dejavu-core]=fc-list-dejavu-none [openssh-server]=/usr/sbin/sshd [openssl]=openssl [iproute2]=ip)
missing=()
for pkg in docker.io docker-compose debootstrap chromium xvfb fonts-dejavu-core openssh-server openssl iproute2; do
  if command -v "${PROVIDES[$pkg]}" >/dev/null 2>&1 || dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    log "$pkg present"
  else
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get update"
  apt-get update >&2
  log "installing: ${missing[*]}"
  apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi

log "ensuring the Docker engine"
bash "$ROOT/scripts/ensure-engine.sh"
log "ensuring compose v2 (docker compose)"
bash "$ROOT/scripts/compose-v2.sh"
log "building fixture images"
bash "$ROOT/scripts/fixtures.sh"
log "provisioned"
