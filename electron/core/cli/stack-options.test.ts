import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ServiceState } from '../../../shared/stack';
import { portsText, statusText, table, uptimeText } from './commands/ps';
import { AppError } from '../../../shared/result';
import { EXIT, progressPrinter, reportFailure, secondsOption, selectionFromArgs, UsageError } from './stack-options';

const base: ServiceState = {
  name: 'valkey',
  image: 'v',
  containerName: 'p-valkey',
  containerId: 'id',
  status: 'healthy',
  exitCode: null,
  hasHealthcheck: true,
  built: false,
  healthLog: [],
  startedAt: '2026-01-01T00:00:00Z',
  restartCount: 0,
  ports: [
    { containerPort: 6379, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 6379 },
    { containerPort: 6379, protocol: 'tcp', hostIp: '::', hostPort: 6379 },
  ],
  addresses: [],
  usesValkey: false,
  replicas: 1,
  instances: [],
};

describe('ps formatting', () => {
  it('shows exit codes, ports and uptime', () => {
    expect(statusText({ ...base, status: 'exited', exitCode: 1 })).toBe('exited(1)');
    expect(statusText(base)).toBe('healthy');
    expect(portsText(base)).toBe('0.0.0.0:6379->6379/tcp, [::]:6379->6379/tcp');
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    expect(uptimeText(base.startedAt, t0 + 42_000)).toBe('42s');
    expect(uptimeText(base.startedAt, t0 + 125_000)).toBe('2m05s');
    expect(uptimeText(base.startedAt, t0 + 2 * 3600_000 + 60_000)).toBe('2h01m');
    expect(uptimeText(null)).toBe('-');
  });

  it('prints an aligned table', () => {
    const out = table(
      [base, { ...base, name: 'atom-backend', containerId: null, status: 'absent', ports: [], startedAt: null }],
      Date.parse('2026-01-01T00:00:05Z'),
    );
    expect(out.split('\n')).toEqual([
      'SERVICE       CONTAINER  STATUS   PORTS                                        UPTIME',
      'valkey        p-valkey   healthy  0.0.0.0:6379->6379/tcp, [::]:6379->6379/tcp  5s',
      'atom-backend  -          absent   -                                            -',
    ]);
  });
});

describe('stack options', () => {
  it('maps failures to exit codes', () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(reportFailure('up', new AppError('ENGINE_UNAVAILABLE', 'x'))).toBe(EXIT.engine);
      expect(reportFailure('up', new AppError('NOT_FOUND', 'no such service: x'))).toBe(EXIT.usage);
      expect(reportFailure('up', new AppError('PORT_IN_USE', 'port'))).toBe(EXIT.failed);
      expect(reportFailure('up', new Error('boom'))).toBe(EXIT.failed);
    } finally {
      console.error = quiet;
    }
  });

  it('parses seconds', () => {
    expect(secondsOption('up', 'timeout', undefined, 300)).toBe(300_000);
    expect(secondsOption('up', 'timeout', '1.5', 300)).toBe(1500);
    const bad = secondsOption('up', 'timeout', 'soon', 300);
    expect(bad).toBeInstanceOf(UsageError);
    expect((bad as UsageError).message).toBe("atom-desktop up: --timeout must be a positive number of seconds, got 'soon'");
  });

  it('prints progress lines, throttling pull chatter', () => {
    let text = '';
    const sink = new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) });
    const p = progressPrinter(sink);
    p({ operationId: 'o', service: 'valkey', step: 'start', status: 'done', at: 1 });
    p({ operationId: 'o', service: 'valkey', step: 'pull', status: 'running', current: 1024, total: 2048, at: 2000 });
    p({ operationId: 'o', service: 'valkey', step: 'pull', status: 'running', current: 1500, total: 2048, at: 2100 });
    p({ operationId: 'o', step: 'network', status: 'error', message: 'nope', at: 3000 });
    expect(text.split('\n').filter(Boolean)).toEqual([
      'valkey           start    done',
      'valkey           pull     ... (1.0 KiB/2.0 KiB)',
      'stack            network  FAILED nope',
    ]);
  });
});

describe('stack selection from the flags', () => {
  it('--project-directory finds docker-compose-personal.yml there, unless -f names the files', () => {
    expect(selectionFromArgs({ 'project-directory': '/home/me/atom' })).toEqual({
      files: ['/home/me/atom/docker-compose-personal.yml'],
      envFile: null,
      projectName: null,
      projectDir: '/home/me/atom',
    });
    expect(selectionFromArgs({ 'project-directory': '/home/me/atom', file: ['other.yml'], 'project-name': 'p' })).toMatchObject({
      files: ['other.yml'],
      projectDir: '/home/me/atom',
      projectName: 'p',
    });
    expect(selectionFromArgs({})).toMatchObject({ files: ['docker-compose-personal.yml'], projectDir: null });
  });
});
