// User settings persisted as JSON. A damaged file never costs the user their other
// settings: a bad field falls back alone, an unreadable file is kept as a dated
// backup beside it, and `warning` says what happened (the UI shows it as a banner).
// Writes are atomic (temp file + rename), and a folder at the path is a clear error.
import { copyFileSync, readFileSync } from 'node:fs';
import { isDirectory, stamp, writeAtomically } from './atomic-file';
import type { Settings } from '../../../shared/settings';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../shared/settings';

export class SettingsStore {
  private current: Settings;
  readonly warning: string | null;

  constructor(
    private readonly path: string | null,
    now: Date = new Date(),
  ) {
    const { settings, warning } = readSettings(path, now);
    this.current = settings;
    this.warning = warning;
  }

  get(): Settings {
    return this.current;
  }

  /** Validates the merged result, then writes atomically (temp file + rename). */
  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    if (this.path) writeAtomically(this.path, `${JSON.stringify(next, null, 2)}\n`, 'settings');
    this.current = next;
    return next;
  }
}

export function readSettings(path: string | null, now: Date = new Date()): { settings: Settings; warning: string | null } {
  if (!path) return { settings: { ...DEFAULT_SETTINGS }, warning: null };
  if (isDirectory(path))
    return { settings: { ...DEFAULT_SETTINGS }, warning: `${path} is a folder, not a settings file: using defaults, and saving will fail` };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { settings: { ...DEFAULT_SETTINGS }, warning: null };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
  } catch (err) {
    // Unreadable as a whole: keep the user's file, then start from the defaults.
    const backup = `${path}.unreadable-${stamp(now)}.bak`;
    let kept = `kept as ${backup}`;
    try {
      copyFileSync(path, backup);
    } catch (copyErr) {
      kept = `could not keep a backup (${(copyErr as Error).message})`;
    }
    return {
      settings: { ...DEFAULT_SETTINGS },
      warning: `${path} could not be read (${(err as Error).message.split('\n')[0]}): ${kept}; using defaults`,
    };
  }
  // Field by field: a bad value falls back alone.
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const bad: string[] = [];
  const fields = settingsSchema.shape;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!Object.hasOwn(fields, key)) continue;
    const k = key as keyof Settings;
    const r = fields[k].safeParse(value);
    if (r.success) (settings as Record<string, unknown>)[k] = r.data;
    else bad.push(`${key} (${r.error.issues[0]?.message ?? 'invalid'})`);
  }
  return { settings, warning: bad.length > 0 ? `${path}: invalid ${bad.join(', ')}: reset to the default; other settings kept` : null };
}
