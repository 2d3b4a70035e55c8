import { describe, expect, it } from 'vitest';
import { EventListeners } from './event-listeners';

describe('EventListeners', () => {
  it('delivers payloads in order to the listeners of each name, and unsubscribes', () => {
    const errors: string[] = [];
    const reg = new EventListeners((name) => errors.push(name));
    const seen: unknown[] = [];
    const off = reg.on('valkey.probe', (p) => seen.push(['probe', p]));
    reg.on('logs.lines', (lines) => seen.push(['logs', lines.length]));
    reg.on('logs.lines', () => {
      throw new Error('bad listener');
    });
    reg.dispatch([
      { name: 'valkey.probe', payload: null },
      { name: 'logs.lines', payload: [] },
      { name: 'settings.changed', payload: null as never },
    ]);
    expect(seen).toEqual([
      ['probe', null],
      ['logs', 0],
    ]);
    expect(errors).toEqual(['logs.lines']);
    expect(reg.count()).toBe(3);
    off();
    reg.dispatch([{ name: 'valkey.probe', payload: null }]);
    expect(seen).toHaveLength(2);
    expect(reg.count()).toBe(2);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => new EventListeners().on('valkey.probe', 42 as never)).toThrow(/must be a function/);
  });
});
