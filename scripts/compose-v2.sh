#!/usr/bin/env bash
# Installs Compose v2 as the docker CLI plugin (`docker compose`) from Debian trixie's
# docker-compose package: a static Go binary, so it runs on bookworm. The .deb comes
# from the same mirror as this machine's apt sources (suite trixie); nothing else is
# downloaded. Debian's v1 (/usr/bin/docker-compose) is left in place for the v1 tests.
# Idempotent: exits at once when `docker compose version` already reports v2.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PLUGIN_DIR=${COMPOSE_PLUGIN_DIR:-/usr/libexec/docker/cli-plugins}

log() { printf '[compose-v2 %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if docker compose version 2>/dev/null | grep -Eq 'v?2\.'; then
  log "present: $(docker compose version)"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || die "installing the compose plugin into $PLUGIN_DIR needs root"

# shellcheck source=lib/apt-mirror.sh
source "$ROOT/scripts/lib/apt-mirror.sh"
mirror=$(apt_mirror) || die "no Debian mirror found in this machine's apt sources"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/etc/preferences.d"
# A private apt configuration: the trixie index only, without touching the system's.
printf 'deb [trusted=yes] %s trixie main\n' "$mirror" >"$work/etc/sources.list"
APT=(-o "Dir::Etc::SourceList=$work/etc/sources.list" -o "Dir::Etc::SourceParts=-" -o "Dir::Etc::Preferences=$work/etc/preferences"
  -o "Dir::Etc::PreferencesParts=$work/etc/preferences.d" -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives"
  -o "Dir::Cache=$work" -o "APT::Get::List-Cleanup=0")
log "reading the trixie package index"
apt-get "${APT[@]}" update >"$work/update.log" 2>&1 || die "apt-get update (trixie) failed: $(tail -3 "$work/update.log")"
log "downloading docker-compose (trixie)"
(cd "$work" && apt-get "${APT[@]}" download docker-compose >"$work/download.log" 2>&1) || die "apt-get download docker-compose failed: $(tail -3 "$work/download.log")"
deb=$(ls "$work"/docker-compose_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || die "no docker-compose .deb was downloaded"
dpkg-deb -x "$deb" "$work/root"
bin="$work/root/usr/libexec/docker/cli-plugins/docker-compose"
[ -x "$bin" ] || die "$(basename "$deb") has no usr/libexec/docker/cli-plugins/docker-compose"
install -D -m 0755 "$bin" "$PLUGIN_DIR/docker-compose"
docker compose version >&2 || die "docker compose does not run after installing $PLUGIN_DIR/docker-compose"
log "installed $(basename "$deb") as $PLUGIN_DIR/docker-compose"
