import { describe, expect, it } from 'vitest';
import { filterEntries, shortcutOf } from './shortcuts';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
  target: unknown = { tagName: 'DIV' },
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
  target: target as EventTarget,
});

describe('shortcuts', () => {
  it('maps keys to actions, and single keys never fire while typing', () => {
    expect(shortcutOf(key('/'))).toBe('search');
    expect(shortcutOf(key('?'))).toBe('help');
    expect(shortcutOf(key('k', { ctrlKey: true }))).toBe('palette');
    expect(shortcutOf(key('K', { metaKey: true }))).toBe('palette');
    expect(shortcutOf(key('k', { ctrlKey: true }, { tagName: 'INPUT' }))).toBe('palette');
    expect(shortcutOf(key('/', {}, { tagName: 'INPUT' }))).toBeNull();
    expect(shortcutOf(key('?', {}, { tagName: 'TEXTAREA' }))).toBeNull();
    expect(shortcutOf(key('a'))).toBeNull();
  });

  it('leaves every key, Ctrl+K included, to an element that takes them all (the terminal)', () => {
    const inTerminal = { tagName: 'TEXTAREA', closest: (sel: string) => (sel === '[data-own-keys]' ? {} : null) };
    expect(shortcutOf(key('k', { ctrlKey: true }, inTerminal))).toBeNull();
    expect(shortcutOf(key('/', {}, inTerminal))).toBeNull();
    const elsewhere = { tagName: 'DIV', closest: () => null };
    expect(shortcutOf(key('k', { ctrlKey: true }, elsewhere))).toBe('palette');
  });

  it('filters palette entries by every typed word', () => {
    const entries = [{ label: 'Go to Logs' }, { label: 'Start stack' }, { label: 'Stop stack' }, { label: 'Go to Stats' }];
    expect(filterEntries(entries, 'go st').map((e) => e.label)).toEqual(['Go to Stats']);
    expect(filterEntries(entries, 'stack').map((e) => e.label)).toEqual(['Start stack', 'Stop stack']);
    expect(filterEntries(entries, '')).toHaveLength(4);
  });
});
