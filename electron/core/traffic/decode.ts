// Turns one pub/sub payload into the fields the UI lists. Never throws: anything that
// is not an Atom envelope is still shown (as json, text or binary) and counted as
// undecodable by the caller.
import type { AgentMessage, MessageKind } from '../../../shared/traffic';
import {
  decodeAtomEvent,
  decodeChannelJson,
  emptyDecoded,
  fromCommonFields,
  isRecord,
  NO_CONTEXT,
  str,
  type Decoded,
  type DecodeContext,
} from './atom-events';

export const PREVIEW_CHARS = 200;
/** Above this, JSON.parse would stall the pipeline: such payloads are shown raw. */
export const MAX_PARSE_BYTES = 8 * 1024 * 1024;
const HEX_PREVIEW_BYTES = 64;

/**
 * A decoded message whose seq, receivedAt and channels the caller fills in: built here
 * directly as the AgentMessage (one object per message, one hidden class).
 */
export type DecodedPayload = AgentMessage;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The payload as text, or null when it is not valid UTF-8 (within `maxBytes`). */
export function utf8OrNull(payload: Uint8Array, maxBytes = Infinity): string | null {
  try {
    if (payload.length <= maxBytes) return strictUtf8.decode(payload);
    // A cut may split a character: stream mode leaves the incomplete tail out.
    return new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(0, maxBytes), { stream: true });
  } catch {
    return null;
  }
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');

/**
 * The characters of a cut preview as a string of their own. A slice is a view: cutting
 * the summary `${name}: ${content}` flattens all of it into one new string that the
 * slice then keeps alive, so every buffered message held a copy of its whole text.
 * Prepending a character and slicing it off makes V8 copy just the preview's characters.
 */
const detached = (s: string): string => ` ${s}`.slice(1);

/** Single line, control characters escaped, at most `max` characters (plus an ellipsis). */
export function escapePreview(text: string, max = PREVIEW_CHARS): string {
  const cut = text.length > max;
  const head = cut ? text.slice(0, max) : text;
  // Most previews have nothing to escape: no new string for them.
  if (!CONTROL.test(head)) return cut ? detached(`${head}…`) : head;
  const escaped = head.replace(CONTROL_ALL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const out = escaped.length > max ? escaped.slice(0, max) : escaped;
  return cut || out.length < escaped.length ? detached(`${out}…`) : out;
}

export function hexPreview(payload: Uint8Array, maxBytes = HEX_PREVIEW_BYTES): string {
  const head = Buffer.from(payload.buffer, payload.byteOffset, Math.min(payload.length, maxBytes));
  const hex = head.toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return payload.length > maxBytes ? `${hex} …` : hex;
}

/** A message with nothing decoded but its preview (already escaped). */
function blank(kind: MessageKind, preview: string, size: number): DecodedPayload {
  const m = emptyDecoded();
  m.kind = kind;
  m.preview = preview;
  m.size = size;
  return m;
}

/** A decoder's message, finished: its kind, topics and size, and the summary escaped. */
function fromDecoded(kind: MessageKind, topics: string[], d: Decoded, size: number): DecodedPayload {
  d.kind = kind;
  d.topics = topics;
  d.size = size;
  d.preview = escapePreview(d.preview);
  return d;
}

/** Parsed JSON, or undefined when the text is not JSON (or too big to parse cheaply). */
export function parseJson(text: string, size: number, maxParseBytes = MAX_PARSE_BYTES): unknown {
  if (size > maxParseBytes) return undefined;
  const c = text.charCodeAt(0);
  // Fast reject for plain text: JSON values we care about start with { or [.
  if (c !== 0x7b && c !== 0x5b && c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Atom's envelope: {"topics": [...], "event": {"type", ...}}, any of its event kinds. */
export function fromEnvelope(parsed: unknown, size: number, ctx: DecodeContext = NO_CONTEXT): DecodedPayload | null {
  if (!isRecord(parsed) || !Array.isArray(parsed.topics) || !isRecord(parsed.event)) return null;
  const event = parsed.event;
  if (typeof event.type !== 'string' || !parsed.topics.every((t) => typeof t === 'string')) return null;
  return fromDecoded('atom', parsed.topics as string[], decodeAtomEvent(event, ctx), size);
}

/**
 * One payload as the UI lists it. `channel` picks the decoder for Atom's channels
 * outside agent_events:* (plain JSON); `ctx` supplies names learned earlier.
 */
export function decodePayload(
  payload: Uint8Array,
  channel = '',
  ctx: DecodeContext = NO_CONTEXT,
  /** Larger payloads are not parsed: the recorder asks for less than the live view. */
  maxParseBytes = MAX_PARSE_BYTES,
): DecodedPayload {
  const size = payload.length;
  // Huge payloads are only partly decoded: the preview needs a few hundred characters.
  const text = utf8OrNull(payload, size > maxParseBytes ? PREVIEW_CHARS * 4 : Infinity);
  if (text === null) return blank('binary', hexPreview(payload), size);
  const parsed = parseJson(text, size, maxParseBytes);
  if (parsed === undefined) return blank('text', escapePreview(text), size);
  const envelope = fromEnvelope(parsed, size, ctx);
  if (envelope) return envelope;
  const family = channel ? decodeChannelJson(channel, parsed, ctx) : null;
  if (family) return fromDecoded('atom', [], family, size);
  // Other JSON: still an actor and a summary from common field names, when it has them.
  if (isRecord(parsed)) return fromDecoded('json', [], fromCommonFields(str(parsed.type), parsed, ctx), size);
  return blank('json', escapePreview(text), size);
}
