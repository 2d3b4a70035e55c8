// One Atom Desktop per user: a second launch hands over to the first (which comes to
// the front) and quits itself.
import type { App } from 'electron';

/** Returns false when another instance owns the lock (the caller must quit). */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => onSecondLaunch());
  return true;
}
