import { describe, expect, it } from 'vitest';
import {
  CHANNEL_PRESETS,
  cutOffWarning,
  valkeyExposureWarning,
  valkeyLink,
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
      unknown: [false, false, false, false],
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

describe('valkeyLink', () => {
  const now = Date.parse('2026-01-01T00:01:00Z');
  const backend = { status: 'healthy' as const, usesValkey: true, addresses: ['172.18.0.3'], startedAt: '2026-01-01T00:00:00Z' };
  it('linked when the container is among Valkey clients, cut off when not', () => {
    expect(valkeyLink(backend, ['172.18.0.2', '172.18.0.3'], now)).toBe('linked');
    expect(valkeyLink(backend, ['172.18.0.2'], now)).toBe('cut-off');
    expect(cutOffWarning('atom-backend')).toBe('atom-backend is not connected to Valkey: its agents are cut off from other instances');
  });
  it('unknown while it cannot be judged; null for services that do not use Valkey', () => {
    expect(valkeyLink({ ...backend, usesValkey: false }, [], now)).toBeNull();
    expect(valkeyLink(backend, null, now)).toBe('unknown');
    expect(valkeyLink({ ...backend, status: 'exited' }, [], now)).toBe('unknown');
    expect(valkeyLink({ ...backend, addresses: [] }, [], now)).toBe('unknown');
    // Just started: give it a moment to connect.
    expect(valkeyLink({ ...backend, startedAt: '2026-01-01T00:00:58Z' }, [], now)).toBe('unknown');
  });
});

describe('valkeyExposureWarning', () => {
  const port = (hostIp: string) => ({ hostIp, hostPort: 6379, protocol: 'tcp' as const });
  it('warns when Valkey without a password is published beyond loopback', () => {
    for (const ip of ['0.0.0.0', '::', '', '192.168.1.20'])
      expect(valkeyExposureWarning([port('127.0.0.1'), port(ip)], true), ip).toMatch(
        /^Valkey is reachable from other machines on port 6379 and asks for no password/,
      );
  });
  it('is quiet on loopback only, with a password, or before the first probe', () => {
    expect(valkeyExposureWarning([port('127.0.0.1'), port('::1')], true)).toBeNull();
    expect(valkeyExposureWarning([port('0.0.0.0')], false)).toBeNull();
    expect(valkeyExposureWarning([port('0.0.0.0')], undefined)).toBeNull();
  });
});
