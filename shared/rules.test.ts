import { describe, expect, it } from 'vitest';
import {
  CHANNEL_PRESETS,
  isServiceFailed,
  isServiceReady,
  isServiceServing,
  isServiceUp,
  presetOn,
  stackIsUp,
  stackPhase,
  togglePreset,
} from './rules';
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

describe('channel presets', () => {
  it('tick on adds a family, tick off removes it, other patterns stay', () => {
    const on = togglePreset(['agent_events:*', 'custom:*'], 'fleet', true);
    expect(on).toEqual(['agent_events:*', 'custom:*', 'fleet:blackboard:*', 'fleet:progress:*']);
    expect(presetOn(on, 'fleet')).toBe(true);
    expect(presetOn(on, 'debug')).toBe(false);
    expect(togglePreset(on, 'fleet', false)).toEqual(['agent_events:*', 'custom:*']);
    expect(togglePreset(on, 'agent_events', false)).toEqual(['custom:*', 'fleet:blackboard:*', 'fleet:progress:*']);
    expect(CHANNEL_PRESETS.map((p) => p.id)).toEqual(['agent_events', 'debug', 'activity', 'fleet', 'alert_triggers', 'workspace']);
  });
});
