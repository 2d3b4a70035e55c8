#!/usr/bin/env bash
# Build the fixture images the integration tests and benches run, locally (no image
# registry is reachable): a Debian trixie minbase image with valkey and python3, and
# the demo agent backend on top of it. Tags carry a hash of the inputs, so a change
# rebuilds and an unchanged tree answers in seconds.
# stdout: exactly VALKEY_IMAGE=... and ATOM_BACKEND_IMAGE=... (eval-able); progress on stderr.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BACKEND_DIR="$ROOT/resources/demo-backend"
LOCK_FILE=${FIXTURES_LOCK:-/tmp/atom-desktop-fixtures.lock}
SUITE=trixie
PACKAGES=valkey-server,valkey-tools,python3,ca-certificates

log() { printf '[fixtures %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

bash "$ROOT/scripts/ensure-engine.sh" >&2 || die "no Docker engine (scripts/ensure-engine.sh failed)"

# The mirror comes from this machine's apt configuration, never from the repo.
# shellcheck source=lib/apt-mirror.sh
source "$ROOT/scripts/lib/apt-mirror.sh"

# Content hash of the inputs: this script for the base image; plus the demo backend's
# build files (not its tests) for the backend image.
hash_files() { sha256sum "$@" | awk '{print $1}' | sha256sum | cut -c1-12; }
backend_inputs() { find "$BACKEND_DIR" -type f ! -name '*.ts' ! -name '*.pyc' ! -path '*/__pycache__/*' | LC_ALL=C sort; }

[ -f "$BACKEND_DIR/Dockerfile" ] || die "missing $BACKEND_DIR/Dockerfile"
mapfile -t BACKEND_FILES < <(backend_inputs)
BASE_HASH=$(hash_files "$ROOT/scripts/fixtures.sh" "$ROOT/scripts/lib/apt-mirror.sh")
BACKEND_HASH=$(hash_files "$ROOT/scripts/fixtures.sh" "$ROOT/scripts/lib/apt-mirror.sh" "${BACKEND_FILES[@]}")
VALKEY_IMAGE="atom-desktop/fixture-valkey:$BASE_HASH"
ATOM_BACKEND_IMAGE="atom-desktop/fixture-backend:$BACKEND_HASH"

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Unmount anything debootstrap left mounted (proc, sys) before deleting the tree.
remove_rootfs() {
  local dir=$1
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
  rm -rf "$dir" "$dir.log"
}

build_base() {
  [ "$(id -u)" -eq 0 ] || die "building $VALKEY_IMAGE needs root (debootstrap): run as root or via sudo"
  command -v debootstrap >/dev/null 2>&1 || {
    log "installing debootstrap via apt"
    DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2 ||
      { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2; }
  }
  local mirror dir attempt
  mirror=$(apt_mirror) || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  # /var/tmp, not /tmp: the chroot must allow exec, and /tmp is often noexec or tmpfs.
  dir=$(mktemp -d "${FIXTURES_WORKDIR:-/var/tmp}/atom-fixture-rootfs.XXXXXX")
  # shellcheck disable=SC2064
  trap "remove_rootfs '$dir'" EXIT
  # One retry: a transient mirror hiccup should not fail a CI run.
  for attempt in 1 2; do
    log "debootstrap $SUITE minbase (+$PACKAGES) into $dir (30-60 s), attempt $attempt"
    if debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$dir" "$mirror" >"$dir.log" 2>&1; then
      break
    fi
    tail -n 30 "$dir.log" >&2
    [ -f "$dir/debootstrap/debootstrap.log" ] && tail -n 30 "$dir/debootstrap/debootstrap.log" >&2
    [ "$attempt" -eq 2 ] && die "debootstrap of $SUITE failed twice (see above)"
    remove_rootfs "$dir"
    mkdir -p "$dir"
    sleep 5
  done
  # Keep the image small and free of this machine's apt state.
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin "$dir"/var/lib/apt/lists/* "$dir"/var/log/* "$dir"/tmp/*
  log "importing $VALKEY_IMAGE"
  tar -C "$dir" -c . | docker import \
    --change 'CMD ["valkey-server","--protected-mode","no"]' \
    --change 'EXPOSE 6379' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$VALKEY_IMAGE" >&2
  remove_rootfs "$dir"
  trap - EXIT
}

build_backend() {
  log "building $ATOM_BACKEND_IMAGE from $BACKEND_DIR"
  # Legacy builder: the base image exists only locally, nothing may be pulled.
  DOCKER_BUILDKIT=0 docker build --pull=false --build-arg "BASE_IMAGE=$VALKEY_IMAGE" \
    -t "$ATOM_BACKEND_IMAGE" "$BACKEND_DIR" >&2 || die "docker build of the demo backend failed"
}

# Serialize concurrent callers: the second one waits, then finds the images built.
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
  log "another fixtures build is running: waiting for it"
  flock 9
fi

if image_exists "$VALKEY_IMAGE"; then log "$VALKEY_IMAGE present"; else build_base; fi
if image_exists "$ATOM_BACKEND_IMAGE"; then log "$ATOM_BACKEND_IMAGE present"; else build_backend; fi

printf 'VALKEY_IMAGE=%s\n' "$VALKEY_IMAGE"
printf 'ATOM_BACKEND_IMAGE=%s\n' "$ATOM_BACKEND_IMAGE"
