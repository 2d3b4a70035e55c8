// Turns of the event loop for long scans, one slice at a time. A scan that has run its
// slice waits here for its next one; the gate grants one slice per turn of the loop, so
// sockets and timers are served between any two slices however many scans are queued
// (sixty exports asked at once must not run sixty slices back to back before a ping).

const waiting: (() => void)[] = [];
let granting = false;

/** True when no scan is waiting: a new one may run its first slice at once. */
export const sliceGateFree = (): boolean => waiting.length === 0 && !granting;

/** Resolves when it is this scan's turn again (after the loop has turned at least once). */
export function nextSlice(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!granting) {
      granting = true;
      setImmediate(grant);
    }
  });
}

function grant(): void {
  const next = waiting.shift();
  // An immediate set from here runs on the next turn, after the loop has polled for I/O.
  if (waiting.length > 0) setImmediate(grant);
  else granting = false;
  next?.();
}
