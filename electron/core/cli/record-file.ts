// Which record a CLI command reads: --record FILE, or the app's record of the stack the
// -f/-p/--project-directory flags select (the same file the app writes, beside its
// settings). The app may be writing it meanwhile: SQLite's WAL lets both go on.
import { existsSync } from 'node:fs';
import { recordFileOf, recordsDirOf } from '../recorder/stack-recorder';
import { RecordDb } from '../recorder/record-db';
import { defaultSettingsPath } from './paths';
import { openCliStack, type ParsedArgs } from './stack-options';

/** Where the app keeps its records (one database per stack). */
export const recordsDir = (env: NodeJS.ProcessEnv = process.env): string => recordsDirOf(defaultSettingsPath(env));

export async function recordFile(values: ParsedArgs['values']): Promise<string> {
  const given = values.record as string | undefined;
  if (given) return given;
  const core = await openCliStack(values);
  try {
    return recordFileOf(recordsDir(), core.session.snapshot().project);
  } finally {
    await core.close();
  }
}

/** The record, or a message saying there is none (the app never recorded this stack). */
export function openRecord(command: string, file: string): RecordDb | string {
  if (!existsSync(file))
    return `atom-desktop ${command}: no record at ${file} (the app records a stack while it watches it; --record FILE reads another)`;
  try {
    return new RecordDb(file);
  } catch (err) {
    return `atom-desktop ${command}: ${file} cannot be read as a record: ${(err as Error).message}`;
  }
}

const AGO: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m", "2h", "7d" (that long ago), an ISO time, or ms since epoch; null when unreadable. */
export function whenOption(value: string, now = Date.now()): number | null {
  const ago = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  if (ago) return Math.round(now - Number(ago[1]) * AGO[ago[2]!]!);
  if (/^\d{10,}$/.test(value)) return Number(value);
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}
