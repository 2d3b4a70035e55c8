// Atom's traffic, read the way a person reads it. Each of the four event kinds Atom's
// AgentEventBus publishes (agent_post, reaction_added, channel_created,
// graduation_milestone) and each of the backend's other channel families (debug,
// activity, fleet, alert triggers, workspace) gets an actor, a target and a one-line
// summary. An event type nobody has seen yet is read from common field names, so a
// payload with content never shows as a dash and an empty preview.
import type { ActorType, AgentMessage, MessageTarget } from '../../../shared/traffic';
import { blankMessage, NO_MENTIONS } from '../../../shared/traffic';

export type Obj = Record<string, unknown>;
export const isRecord = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** What earlier messages taught: names for ids, and who wrote a post. */
export interface DecodeContext {
  nameOf(id: string): string | null;
  postAuthor(postId: string): string | null;
}

export const NO_CONTEXT: DecodeContext = { nameOf: () => null, postAuthor: () => null };

/**
 * What a decoder fills: the AgentMessage itself (one object per message), with the
 * unescaped summary in `preview`; decode.ts sets kind, topics and size and escapes
 * the preview.
 */
export type Decoded = AgentMessage;

const ACTOR_TYPES: ReadonlySet<string> = new Set(['agent', 'human', 'system']);
const actorType = (v: unknown): ActorType | null => (typeof v === 'string' && ACTOR_TYPES.has(v) ? (v as ActorType) : null);

/** ISO time as ms; Atom's older versions send no zone, which means UTC. */
export function timeMs(v: unknown): number | null {
  if (typeof v !== 'string' || v.length < 10) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(v) || v.length === 10 ? v : `${v}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : null;
}

/** Emoji -> count, from an object ({"👍": 2} or {"👍": ["u1", "u2"]}) or a list ([{"emoji", "count"}] or one entry per user). */
function addReaction(out: Record<string, number>, emoji: unknown, n: number): boolean {
  if (typeof emoji !== 'string' || emoji === '' || !(n > 0)) return false;
  out[emoji] = (out[emoji] ?? 0) + n;
  return true;
}

export function reactionCounts(v: unknown): Record<string, number> | null {
  if (v === null || typeof v !== 'object') return null;
  const out: Record<string, number> = {};
  let any = false;
  if (Array.isArray(v)) {
    for (const r of v) {
      if (typeof r === 'string') any = addReaction(out, r, 1) || any;
      else if (isRecord(r))
        any = addReaction(out, r.emoji, typeof r.count === 'number' ? r.count : Array.isArray(r.users) ? r.users.length : 1) || any;
    }
  } else {
    for (const emoji in v) {
      const n = (v as Obj)[emoji];
      any = addReaction(out, emoji, typeof n === 'number' ? n : Array.isArray(n) ? n.length : 0) || any;
    }
  }
  return any ? out : null;
}

function idList(a: unknown, b: unknown): string[] {
  const aLen = Array.isArray(a) ? a.length : 0;
  const bLen = Array.isArray(b) ? b.length : 0;
  if (aLen + bLen === 0) return NO_MENTIONS;
  const out: string[] = [];
  for (const v of [a, b]) if (Array.isArray(v)) for (const x of v) if (typeof x === 'string' || typeof x === 'number') out.push(String(x));
  return out;
}

const text = (v: unknown): string | null =>
  typeof v === 'string' ? v : v === undefined || v === null ? null : typeof v === 'object' ? safeJson(v) : String(v);

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** Every decoded field at its unknown value. */
export function emptyDecoded(eventType: string | null = null): Decoded {
  const m = blankMessage();
  m.eventType = eventType;
  return m;
}

/** One event of Atom's envelope ({"topics": [...], "event": {"type", ...}}). */
export function decodeAtomEvent(event: Obj, ctx: DecodeContext): Decoded {
  const type = event.type as string;
  switch (type) {
    case 'agent_post':
      return agentPost(isRecord(event.data) ? event.data : {}, ctx);
    case 'reaction_added':
      return reactionAdded(event, ctx);
    case 'channel_created':
      return channelCreated(event);
    case 'graduation_milestone':
      return graduation(event);
    default:
      return fromCommonFields(type, isRecord(event.data) ? { ...event, ...event.data } : event, ctx);
  }
}

function agentPost(d: Obj, ctx: DecodeContext): Decoded {
  const m = emptyDecoded('agent_post');
  m.agentId = str(d.sender_id);
  m.agentName = str(d.sender_name);
  m.actorType = actorType(d.sender_type);
  m.category = str(d.sender_category);
  m.postType = str(d.post_type);
  m.postId = str(d.id);
  m.createdAt = str(d.created_at);
  m.createdAtMs = timeMs(d.created_at);
  m.maturity = str(d.sender_maturity);
  m.tenant = str(d.tenant_id);
  m.channelName = str(d.channel_name);
  m.mentions = idList(d.mentioned_agent_ids, d.mentioned_user_ids);
  m.reactions = reactionCounts(d.reactions);
  const recipient = str(d.recipient_id);
  m.visibility = d.is_public === false ? 'direct' : 'public';
  if (m.visibility === 'direct' || recipient) {
    m.target = { kind: 'recipient', id: recipient, name: str(d.recipient_name) ?? (recipient ? ctx.nameOf(recipient) : null) };
  }
  const who = m.agentName ?? m.agentId;
  const content = text(d.content) ?? '';
  if (m.visibility === 'direct') m.preview = `${who ?? 'someone'} → ${m.target?.name ?? m.target?.id ?? 'someone'} (direct): ${content}`;
  else if (m.postType === 'response') m.preview = `${who ?? 'someone'} (reply${m.channelName ? ` in #${m.channelName}` : ''}): ${content}`;
  else if (m.channelName) m.preview = `${who ?? 'someone'} in #${m.channelName}: ${content}`;
  // A post with no sender at all (a hand-made test post) is just its content.
  else m.preview = who ? `${who}: ${content}` : content;
  return m;
}

function reactionAdded(e: Obj, ctx: DecodeContext): Decoded {
  const m = emptyDecoded('reaction_added');
  m.agentId = str(e.sender_id);
  m.agentName = str(e.sender_name) ?? (m.agentId ? ctx.nameOf(m.agentId) : null);
  m.actorType = actorType(e.sender_type);
  const postId = str(e.post_id);
  m.postId = postId;
  m.target = { kind: 'post', id: postId, name: postId ? ctx.postAuthor(postId) : null };
  m.reactions = reactionCounts(e.reactions);
  m.tenant = str(e.tenant_id);
  const emoji = str(e.emoji) ?? 'a reaction';
  const who = m.agentName ?? m.agentId ?? 'someone';
  m.preview = `${emoji} by ${who} on ${m.target.name ? `a post by ${m.target.name}` : postId ? `post ${postId}` : 'a post'}`;
  return m;
}

function channelCreated(e: Obj): Decoded {
  const m = emptyDecoded('channel_created');
  const name = str(e.channel_name);
  const display = str(e.display_name);
  m.channelName = name;
  m.target = { kind: 'channel', id: str(e.channel_id), name: name ?? display };
  m.agentId = str(e.created_by) ?? str(e.sender_id);
  m.tenant = str(e.tenant_id);
  m.preview = `channel #${name ?? display ?? m.target.id ?? '?'} created${display && name && display !== name ? ` (${display})` : ''}`;
  return m;
}

function graduation(e: Obj): Decoded {
  const m = emptyDecoded('graduation_milestone');
  m.agentId = str(e.agent_id);
  m.agentName = str(e.agent_name);
  m.actorType = 'agent';
  m.postId = str(e.post_id);
  m.maturity = str(e.to_maturity);
  m.createdAt = str(e.timestamp);
  m.createdAtMs = timeMs(e.timestamp);
  m.tenant = str(e.tenant_id);
  m.preview = `${m.agentName ?? m.agentId ?? 'an agent'} graduated ${str(e.from_maturity) ?? '?'} → ${m.maturity ?? '?'}`;
  return m;
}

const NAME_KEYS = ['agent_name', 'sender_name', 'user_name', 'name', 'display_name'];
const ID_KEYS = ['agent_id', 'sender_id', 'user_id'];
const TEXT_KEYS = ['content', 'message', 'text', 'summary', 'description', 'status'];

/** Actor and summary from the field names Atom's events commonly use. */
export function fromCommonFields(eventType: string | null, o: Obj, ctx: DecodeContext): Decoded {
  const m = emptyDecoded(eventType);
  for (const k of ID_KEYS) if (!m.agentId) m.agentId = str(o[k]);
  for (const k of NAME_KEYS) if (!m.agentName) m.agentName = str(o[k]);
  if (!m.agentName) {
    const nameKey = Object.keys(o).find((k) => k.endsWith('_name') && typeof o[k] === 'string');
    if (nameKey) m.agentName = str(o[nameKey]);
  }
  if (!m.agentName && m.agentId) m.agentName = ctx.nameOf(m.agentId);
  m.actorType = actorType(o.sender_type) ?? actorType(o.actor_type);
  m.tenant = str(o.tenant_id);
  m.postId = str(o.post_id);
  m.createdAt = str(o.created_at) ?? str(o.timestamp);
  m.createdAtMs = timeMs(m.createdAt);
  let body: string | null = null;
  for (const k of TEXT_KEYS) if (body === null) body = str(o[k]);
  const who = m.agentName ?? m.agentId;
  if (body === null) {
    // Nothing that reads as text: the other fields, compactly (the type and ids are said already).
    const rest = Object.entries(o)
      .filter(([k, v]) => k !== 'type' && v !== null && typeof v !== 'object')
      .slice(0, 6)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    body = rest || safeJson(o);
  }
  m.preview = who ? `${who}: ${body}` : `${eventType ?? 'event'}: ${body}`;
  return m;
}

/**
 * Atom's backend channels outside agent_events:*, carrying plain JSON. The family
 * decides the event type and, where the channel says it, the tenant.
 */
export function decodeChannelJson(channel: string, parsed: unknown, ctx: DecodeContext): Decoded | null {
  if (!isRecord(parsed)) return null;
  const parts = channel.split(':');
  const family = parts[0];
  if (family === 'debug' && parts[1] === 'events') {
    const kind = str(parsed.type) ?? 'event';
    const data = isRecord(parsed.data) ? parsed.data : parsed;
    return fromCommonFields(`debug.${kind}`, data, ctx);
  }
  if (family === 'activity' && parts.length >= 3) {
    const m = fromCommonFields(str(parsed.type) ? `activity.${str(parsed.type)}` : 'activity', parsed, ctx);
    m.tenant ??= parts[1] ?? null;
    if (!m.agentId && parts[2] !== 'all') m.agentId = parts.slice(2).join(':');
    return m;
  }
  if (family === 'fleet' && (parts[1] === 'blackboard' || parts[1] === 'progress')) {
    const chain = parts.slice(2).join(':');
    const m = fromCommonFields(`fleet.${parts[1]}`, parsed, ctx);
    m.target = { kind: 'channel', id: chain, name: `chain ${chain}` };
    if (!m.agentId) m.preview = `chain ${chain}: ${m.preview.slice(m.preview.indexOf(': ') + 2)}`;
    return m;
  }
  if (family === 'alert_triggers' && parts.length >= 3) {
    const m = fromCommonFields('alert_trigger', parsed, ctx);
    m.tenant ??= parts[1] ?? null;
    m.target = { kind: 'channel', id: parts.slice(2).join(':'), name: `connector ${parts.slice(2).join(':')}` };
    return m;
  }
  if (family === 'workspace') return fromCommonFields(str(parsed.type) ? `workspace.${str(parsed.type)}` : 'workspace', parsed, ctx);
  return null;
}

export type { MessageTarget };
