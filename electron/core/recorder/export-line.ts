// One recorded message as a line of an export: what was sent (the payload as text, or
// base64 when it is not UTF-8), where and when. `history --import` reads it back.
import { utf8OrNull } from '../traffic/decode';
import type { RawRecord } from './record-db';

export function exportLine(r: RawRecord): string {
  const bytes = Buffer.from(r.payload.buffer, r.payload.byteOffset, r.payload.byteLength);
  const text = utf8OrNull(bytes);
  return JSON.stringify({
    id: r.id,
    at: r.at,
    time: new Date(r.at).toISOString(),
    channels: r.channels,
    ...(text !== null ? { payload: text } : { payloadBase64: bytes.toString('base64') }),
  });
}

/** A line of an export, or why it is not one. */
export function parseExportLine(line: string): { at: number; channels: string[]; payload: Buffer } | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    return `not JSON (${(err as Error).message})`;
  }
  const o = v as { at?: unknown; channels?: unknown; payload?: unknown; payloadBase64?: unknown };
  if (typeof o !== 'object' || o === null) return 'not a JSON object';
  if (typeof o.at !== 'number' || !Number.isFinite(o.at)) return '"at" must be a time in ms';
  if (!Array.isArray(o.channels) || !o.channels.length || !o.channels.every((c) => typeof c === 'string'))
    return '"channels" must be a list of channel names';
  if (typeof o.payload === 'string') return { at: o.at, channels: o.channels as string[], payload: Buffer.from(o.payload) };
  if (typeof o.payloadBase64 === 'string')
    return { at: o.at, channels: o.channels as string[], payload: Buffer.from(o.payloadBase64, 'base64') };
  return 'needs "payload" (text) or "payloadBase64"';
}
