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
      },
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
