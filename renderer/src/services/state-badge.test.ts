import { describe, expect, it } from 'vitest';
import { SERVICE_STATUSES } from '../../../shared/stack';
import { formatBytes, formatUptime, isValkeyService, serviceBadge, uniquePorts } from './state-badge';

describe('serviceBadge', () => {
  it('gives every status a text label and a tone', () => {
    for (const status of SERVICE_STATUSES) {
      const b = serviceBadge({ status, exitCode: null, hasHealthcheck: true });
      expect(b.label.length, status).toBeGreaterThan(0);
      expect(['ok', 'warn', 'bad', 'busy', 'neutral']).toContain(b.tone);
    }
  });

  it('maps health and exit codes', () => {
    expect(serviceBadge({ status: 'healthy', exitCode: null, hasHealthcheck: true })).toEqual({ label: 'Healthy', tone: 'ok' });
    expect(serviceBadge({ status: 'unhealthy', exitCode: null, hasHealthcheck: true })).toEqual({ label: 'Unhealthy', tone: 'bad' });
    expect(serviceBadge({ status: 'running', exitCode: null, hasHealthcheck: false })).toEqual({ label: 'Running', tone: 'ok' });
    expect(serviceBadge({ status: 'running', exitCode: null, hasHealthcheck: true }).tone).toBe('busy');
    expect(serviceBadge({ status: 'exited', exitCode: 137, hasHealthcheck: false })).toEqual({ label: 'Exited (137)', tone: 'bad' });
    expect(serviceBadge({ status: 'exited', exitCode: 0, hasHealthcheck: false })).toEqual({ label: 'Exited (0)', tone: 'neutral' });
    expect(serviceBadge({ status: 'absent', exitCode: null, hasHealthcheck: false }).label).toBe('Not created');
    expect(serviceBadge({ status: 'unknown', exitCode: null, hasHealthcheck: false }).label).toBe('Unknown (engine unreachable)');
  });

  it('a healthy service whose last check failed says so, with its retries', () => {
    expect(serviceBadge({ status: 'healthy', exitCode: null, hasHealthcheck: true, failingStreak: { failed: 1, retries: 3 } })).toEqual({
      label: 'Healthy, last check failed (1 of 3)',
      tone: 'warn',
    });
  });
});

describe('formatters', () => {
  it('formats uptime compactly', () => {
    expect(formatUptime(12_000)).toBe('12s');
    expect(formatUptime(4 * 60_000 + 9_000)).toBe('4m 09s');
    expect(formatUptime(2 * 3600_000 + 5 * 60_000)).toBe('2h 05m');
    expect(formatUptime(3 * 86400_000 + 4 * 3600_000)).toBe('3d 4h');
    expect(formatUptime(-5)).toBe('0s');
  });
  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MiB');
  });
  it('recognises the Valkey service by image', () => {
    expect(isValkeyService({ image: 'valkey/valkey:8-alpine' })).toBe(true);
    expect(isValkeyService({ image: 'redis:7' })).toBe(true);
    expect(isValkeyService({ image: 'atom-backend:latest' })).toBe(false);
  });
});

describe('uniquePorts', () => {
  it('shows a port bound on both address families once', () => {
    const p = { containerPort: 6379, protocol: 'tcp' as const, hostPort: 34263 };
    expect(
      uniquePorts([
        { ...p, hostIp: '0.0.0.0' },
        { ...p, hostIp: '::' },
      ]),
    ).toHaveLength(1);
  });
});
