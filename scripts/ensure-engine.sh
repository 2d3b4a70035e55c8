#!/usr/bin/env bash
# Make sure a Docker Engine answers on this machine: install docker.io when dockerd
# is missing, start dockerd in the background, wait until it answers. Idempotent.
set -euo pipefail

LOG=${ENGINE_LOG:-/var/log/atom-dockerd.log}
WAIT_SECONDS=${ENGINE_WAIT_SECONDS:-60}

log() { printf '[ensure-engine] %s\n' "$*" >&2; }

engine_answers() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_answers; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  log "Docker engine not reachable and not running as root: cannot start dockerd; start the engine yourself."
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  log "dockerd missing: installing docker.io via apt"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y docker.io >&2; then
    apt-get update >&2
    apt-get install -y docker.io >&2
  fi
fi

wait_for_engine() {
  local pid=$1 deadline=$((SECONDS + WAIT_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if engine_answers; then return 0; fi
    # dockerd died: no point waiting for it.
    if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 1
  done
  return 1
}

start_dockerd() {
  local driver=$1
  log "starting dockerd (storage driver $driver), log in $LOG"
  echo "=== $(date -u +%FT%TZ) dockerd --storage-driver $driver" >>"$LOG"
  # setsid: the daemon must outlive this script and the caller's process group.
  setsid dockerd --storage-driver "$driver" >>"$LOG" 2>&1 </dev/null &
  local pid=$!
  if wait_for_engine "$pid"; then
    log "engine up (dockerd pid $pid)"
    return 0
  fi
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    sleep 2
  fi
  return 1
}

# A dockerd may already be starting (another caller): give it a chance first.
if pgrep -x dockerd >/dev/null 2>&1; then
  log "dockerd process exists but does not answer yet: waiting"
  deadline=$((SECONDS + WAIT_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if engine_answers; then exit 0; fi
    sleep 1
  done
  log "dockerd is running but the engine did not answer within ${WAIT_SECONDS}s; log tail:"
  tail -n 40 "$LOG" >&2 2>/dev/null || true
  exit 1
fi

if start_dockerd overlay2 || start_dockerd vfs; then
  exit 0
fi

log "Docker engine did not come up within ${WAIT_SECONDS}s; last lines of $LOG:"
tail -n 40 "$LOG" >&2 || true
exit 1
