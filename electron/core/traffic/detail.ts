// A message's full content, on demand: parsed JSON and raw text (escaped when not UTF-8).
import type { AgentMessage, MessageDetail } from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';
import { MAX_PARSE_BYTES, parseJson, utf8OrNull } from './decode';
import { firstPages, indexJson, type JsonIndex } from './json-pages';

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

/**
 * True when the value nests deeper than `max` (arrays and objects). Iterative: a
 * payload of ten thousand nested brackets must not overflow the stack here either.
 */
export function nestsDeeperThan(value: unknown, max = LIMITS.jsonDepth): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

export const TOO_DEEP_NOTE = `JSON nested deeper than ${LIMITS.jsonDepth} levels: shown as raw text.`;

/**
 * The payload parsed as JSON, or null when it is not JSON, was cut by the byte
 * budget, or nests too deep to serialize safely (`tooDeep` then says so).
 */
export function parsedPayloadOf(message: AgentMessage, payload: Buffer | null): { value: unknown; tooDeep: boolean } {
  if (!payload || payload.length < message.size || payload.length > MAX_PARSE_BYTES) return { value: null, tooDeep: false };
  if (message.kind === 'binary' || message.kind === 'text') return { value: null, tooDeep: false };
  const text = utf8OrNull(payload);
  const parsed = text === null ? undefined : parseJson(text, payload.length);
  if (parsed === undefined) return { value: null, tooDeep: false };
  return nestsDeeperThan(parsed) ? { value: null, tooDeep: true } : { value: parsed, tooDeep: false };
}

export const parsedPayload = (message: AgentMessage, payload: Buffer | null): unknown => parsedPayloadOf(message, payload).value;

function rawText(bytes: Buffer): { raw: string; cut: boolean } {
  const text = utf8OrNull(bytes, MAX_RAW_CHARS * 4);
  if (text !== null)
    return {
      raw: text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text,
      cut: text.length > MAX_RAW_CHARS || bytes.length > MAX_RAW_CHARS * 4,
    };
  const esc = escapeBinary(bytes);
  return { raw: esc.text, cut: esc.truncated };
}

/** Whole JSON payloads above LIMITS.detailInlineBytes go out as a lazy tree instead. */
export const isLazy = (message: AgentMessage, payload: Buffer | null): payload is Buffer =>
  payload !== null &&
  payload.length === message.size &&
  payload.length > LIMITS.detailInlineBytes &&
  payload.length <= MAX_PARSE_BYTES &&
  (message.kind === 'json' || message.kind === 'atom');

/**
 * A message's detail. Up to LIMITS.detailInlineBytes of JSON comes parsed, beside its raw
 * text; a larger one as the first pages of a lazy tree, with the raw text only when
 * asked for (`withRaw`), since sending megabytes twice is what made it slow to open.
 */
export function buildDetail(
  message: AgentMessage,
  payload: Buffer | null,
  withRaw = false,
  index: (payload: Buffer) => JsonIndex | null = (p) => indexJson(p.toString('utf8')),
): MessageDetail {
  const bytes = payload ?? Buffer.alloc(0);
  const cutByBudget = bytes.length < message.size;
  if (isLazy(message, payload)) {
    const tree = index(payload);
    if (tree && tree.depth <= LIMITS.jsonDepth) {
      const r = withRaw ? rawText(bytes) : { raw: '', cut: false };
      return { message, payload: null, tree: firstPages(tree), raw: r.raw, truncated: r.cut };
    }
    if (tree) {
      const r = rawText(bytes);
      return { message, payload: null, raw: r.raw, truncated: r.cut, note: TOO_DEEP_NOTE };
    }
  }
  const { raw, cut } = rawText(bytes);
  const parsed = parsedPayloadOf(message, payload);
  return { message, payload: parsed.value, raw, truncated: cutByBudget || cut, ...(parsed.tooDeep ? { note: TOO_DEEP_NOTE } : {}) };
}
