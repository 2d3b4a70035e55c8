import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { fromForm, toForm } from './settings-form';

describe('settings form', () => {
  it('round-trips settings', () => {
    const s = {
      ...DEFAULT_SETTINGS,
      stackFiles: ['/a.yml', '/b.yml'],
      envFile: '/x/.env',
      patterns: ['agent_events:*', 'other:*'],
      theme: 'dark' as const,
      recordEnabled: false,
      recordMaxMb: 512,
      recordMaxDays: 7,
      engineHost: 'ssh://root@169.254.7.2',
    };
    const r = fromForm(toForm(s));
    expect(r).toEqual({
      ok: true,
      value: {
        stackFiles: s.stackFiles,
        envFile: s.envFile,
        patterns: s.patterns,
        bufferCap: s.bufferCap,
        theme: 'dark',
        startOnOpen: false,
        recordEnabled: false,
        recordMaxMb: 512,
        recordMaxDays: 7,
        engineHost: 'ssh://root@169.254.7.2',
      },
    });
    expect(fromForm({ ...toForm(s), engineHost: '  ' })).toMatchObject({ ok: true, value: { engineHost: null } });
  });

  it('rejects an engine address docker would not take, saying what one looks like', () => {
    expect(fromForm({ ...toForm(DEFAULT_SETTINGS), engineHost: 'build.example' })).toEqual({
      ok: false,
      error: 'engineHost: an engine address is unix://PATH, tcp://HOST:PORT, ssh://USER@HOST or npipe://PATH',
    });
  });

  it('rejects a record size under the minimum, naming the field', () => {
    expect(fromForm({ ...toForm(DEFAULT_SETTINGS), recordMaxMb: '1' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('recordMaxMb'),
    });
  });

  it('rejects a bad buffer cap and empty patterns with the field name', () => {
    expect(fromForm({ ...toForm(DEFAULT_SETTINGS), bufferCap: '5' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^bufferCap:/),
    });
    expect(fromForm({ ...toForm(DEFAULT_SETTINGS), patterns: '\n' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^patterns:/),
    });
  });
});
