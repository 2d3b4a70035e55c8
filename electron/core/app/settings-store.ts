// User settings persisted as JSON. A missing or corrupt file falls back to the
// defaults (with a warning) rather than keeping the app from opening.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Settings } from '../../../shared/settings';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../shared/settings';

export class SettingsStore {
  private current: Settings;
  readonly warning: string | null;

  constructor(private readonly path: string | null) {
    const { settings, warning } = readSettings(path);
    this.current = settings;
    this.warning = warning;
  }

  get(): Settings {
    return this.current;
  }

  /** Validates the merged result, then writes atomically (temp file + rename). */
  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    if (this.path) {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.path);
    }
    this.current = next;
    return next;
  }
}

export function readSettings(path: string | null): { settings: Settings; warning: string | null } {
  if (!path) return { settings: { ...DEFAULT_SETTINGS }, warning: null };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { settings: { ...DEFAULT_SETTINGS }, warning: null };
  }
  try {
    const parsed = settingsSchema.partial().parse(JSON.parse(text));
    return { settings: { ...DEFAULT_SETTINGS, ...parsed }, warning: null };
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { settings: { ...DEFAULT_SETTINGS }, warning: `${path}: ignored invalid settings (${why}); using defaults` };
  }
}
