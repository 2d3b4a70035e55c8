// Settings form text <-> Settings, validated with the contract's own schema.
import type { Settings } from '../../../shared/settings';
import { settingsSchema } from '../../../shared/settings';

export interface SettingsForm {
  stackFiles: string;
  envFile: string;
  patterns: string;
  bufferCap: string;
  theme: Settings['theme'];
  startOnOpen: boolean;
  recordEnabled: boolean;
  recordMaxMb: string;
  recordMaxDays: string;
  engineHost: string;
}

export function toForm(s: Settings): SettingsForm {
  return {
    stackFiles: s.stackFiles.join('\n'),
    envFile: s.envFile ?? '',
    patterns: s.patterns.join('\n'),
    bufferCap: String(s.bufferCap),
    theme: s.theme,
    startOnOpen: s.startOnOpen,
    recordEnabled: s.recordEnabled,
    recordMaxMb: String(s.recordMaxMb),
    recordMaxDays: String(s.recordMaxDays),
    engineHost: s.engineHost ?? '',
  };
}

const lines = (t: string) =>
  t
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

export function fromForm(f: SettingsForm): { ok: true; value: Partial<Settings> } | { ok: false; error: string } {
  const candidate = {
    stackFiles: lines(f.stackFiles),
    envFile: f.envFile.trim() || null,
    patterns: lines(f.patterns),
    bufferCap: Number(f.bufferCap),
    theme: f.theme,
    startOnOpen: f.startOnOpen,
    recordEnabled: f.recordEnabled,
    recordMaxMb: Number(f.recordMaxMb),
    recordMaxDays: Number(f.recordMaxDays),
    engineHost: f.engineHost.trim() || null,
  };
  const r = settingsSchema.partial().strict().safeParse(candidate);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || 'settings'}: ${issue.message}` };
  }
  return { ok: true, value: r.data };
}
