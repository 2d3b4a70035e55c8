import { describe, expect, it } from 'vitest';
import { isServiceFailed, isServiceReady, isServiceServing, isServiceUp, stackIsUp, stackPhase } from './rules';
import { SERVICE_STATUSES } from './stack';
import { STACK_STATES } from './testing/stack-states';

describe('service rules', () => {
  it('decide every status once', () => {
    const table = Object.fromEntries(
      SERVICE_STATUSES.map((status) => [
        status,
        [
          isServiceUp({ status }),
          isServiceServing({ status }),
          isServiceFailed({ status }),
          isServiceReady({ status, hasHealthcheck: true }),
        ],
      ]),
    );
    // status: [up, serving, failed, ready with a health check]
    expect(table).toEqual({
      absent: [false, false, false, false],
      created: [false, false, false, false],
      starting: [true, true, false, false],
      running: [true, true, false, false],
      healthy: [true, true, false, true],
      unhealthy: [true, true, true, false],
      restarting: [true, false, false, false],
      paused: [true, false, false, false],
      exited: [false, false, false, false],
      removing: [false, false, false, false],
      dead: [false, false, true, false],
    });
    expect(isServiceReady({ status: 'running', hasHealthcheck: false })).toBe(true);
  });
});

describe('stack rules', () => {
  it.each(STACK_STATES)('$name: phase $phase, up $up', ({ snap, phase, up }) => {
    expect(stackPhase(snap)).toBe(phase);
    expect(stackIsUp(snap)).toBe(up);
  });
});
