import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

  it('an unreadable file is kept as a dated backup, the defaults used, and the warning says where', () => {
    const path = tmp();
    writeFileSync(path, '{ "theme": "dark", trunc');
    const store = new SettingsStore(path, new Date('2026-12-01T10:20:30Z'));
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const backup = `${path}.unreadable-20261201-102030.bak`;
    expect(store.warning).toContain(path);
    expect(store.warning).toContain(`kept as ${backup}`);
    expect(readFileSync(backup, 'utf8')).toBe('{ "theme": "dark", trunc');
  });

  it('a bad field falls back alone: every other setting is kept', () => {
    const path = tmp();
    writeFileSync(path, JSON.stringify({ theme: 'dark', bufferCap: -5, patterns: ['fleet:*'], startOnOpen: 'yes' }));
    const store = new SettingsStore(path);
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', patterns: ['fleet:*'] });
    expect(store.warning).toMatch(/invalid bufferCap \(.+\), startOnOpen \(.+\): reset to the default; other settings kept/);
  });

  it('a folder at the settings path is a clear error, and leaves no temp file', () => {
    const path = tmp();
    mkdirSync(path);
    const store = new SettingsStore(path);
    expect(store.warning).toContain('is a folder');
    expect(() => store.update({ theme: 'dark' })).toThrow(`cannot save settings: ${path} is a folder, not a file`);
    expect(readdirSync(dirname(path))).toEqual(['settings.json']);
  });
});
