// The tray, the quit prompt and the dashboard's Start/Stop button decide from the
// same shared rules: on every stack picture they agree with each other.
import { describe, expect, it } from 'vitest';
import { stackIsRunning, trayAppearance } from '../electron/main/tray-state';
import { stackAction } from '../renderer/src/components/stack-action';
import { STACK_STATES } from '../shared/testing/stack-states';

const TRAY_COLOR = {
  empty: 'grey',
  stopped: 'grey',
  running: 'green',
  partial: 'amber',
  busy: 'amber',
  failed: 'red',
  unknown: 'grey',
} as const;

describe('tray and dashboard agree', () => {
  it.each(STACK_STATES)('$name', ({ snap, phase, up }) => {
    const tray = trayAppearance(snap);
    const action = stackAction(snap, null);
    expect(tray.color).toBe(TRAY_COLOR[phase]);
    expect(stackIsRunning(snap)).toBe(up);
    if (phase === 'busy') expect(action).toMatchObject({ command: null, busy: true });
    else if (snap === null || phase === 'unknown') expect(action.command).toBeNull();
    else expect(action.command).toBe(up ? 'stack.stop' : 'stack.up');
    // "Running" in the tray's tooltip means the same thing as Stop on the dashboard.
    if (tray.tooltip.endsWith('running')) expect(action.command).toBe('stack.stop');
    if (tray.tooltip.endsWith('stack stopped')) expect(action.command).toBe('stack.up');
  });
});
