import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { SettingsStore } from './settings-store';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'atom-settings-')), 'settings.json');

describe('SettingsStore', () => {
  it('starts from the defaults when the file is missing', () => {
    const store = new SettingsStore(tmp());
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.warning).toBeNull();
  });

  it('persists updates and reads them back', () => {
    const path = tmp();
    new SettingsStore(path).update({ theme: 'dark', bufferCap: 1000 });
    expect(JSON.parse(readFileSync(path, 'utf8')).theme).toBe('dark');
    expect(new SettingsStore(path).get()).toMatchObject({ theme: 'dark', bufferCap: 1000 });
  });

  it('rejects an invalid update and keeps the previous value', () => {
    const store = new SettingsStore(tmp());
    expect(() => store.update({ bufferCap: -1 })).toThrow(/bufferCap|>=/);
    expect(store.get().bufferCap).toBe(DEFAULT_SETTINGS.bufferCap);
  });

  it('falls back to defaults with a warning naming the file when it is corrupt', () => {
    const path = tmp();
    writeFileSync(path, '{ not json');
    const store = new SettingsStore(path);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.warning).toContain(path);
  });
});
