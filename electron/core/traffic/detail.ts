// A message's full content, on demand: parsed JSON and raw text (escaped when not UTF-8).
import type { AgentMessage, MessageDetail } from '../../../shared/traffic';
import { MAX_PARSE_BYTES, parseJson, utf8OrNull } from './decode';

/** Raw text shown in the detail view at most (the UI cannot show more usefully). */
export const MAX_RAW_CHARS = 1024 * 1024;

/** Non-UTF-8 bytes as text: printable ASCII kept, the rest as \xNN. */
export function escapeBinary(payload: Uint8Array, maxChars = MAX_RAW_CHARS): { text: string; truncated: boolean } {
  let out = '';
  let i = 0;
  for (; i < payload.length && out.length < maxChars; i++) {
    const b = payload[i] as number;
    out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : b === 0x5c ? '\\\\' : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return { text: out, truncated: i < payload.length };
}

/** The payload parsed as JSON, or null when it is not JSON (or was cut by the byte budget). */
export function parsedPayload(message: AgentMessage, payload: Buffer | null): unknown {
  if (!payload || payload.length < message.size || payload.length > MAX_PARSE_BYTES) return null;
  if (message.kind === 'binary' || message.kind === 'text') return null;
  const text = utf8OrNull(payload);
  const parsed = text === null ? undefined : parseJson(text, payload.length);
  return parsed === undefined ? null : parsed;
}

export function buildDetail(message: AgentMessage, payload: Buffer | null): MessageDetail {
  const bytes = payload ?? Buffer.alloc(0);
  const cutByBudget = bytes.length < message.size;
  const text = utf8OrNull(bytes, MAX_RAW_CHARS * 4);
  let raw: string;
  let cut: boolean;
  if (text !== null) {
    raw = text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text;
    cut = text.length > MAX_RAW_CHARS || bytes.length > MAX_RAW_CHARS * 4;
  } else {
    const esc = escapeBinary(bytes);
    raw = esc.text;
    cut = esc.truncated;
  }
  return { message, payload: parsedPayload(message, payload), raw, truncated: cutByBudget || cut };
}
