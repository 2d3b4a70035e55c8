// Python's json.dumps with its defaults, as Atom's backend serializes every event:
// ", " and ": " separators, and every non-ASCII character escaped as \uXXXX (an
// emoji becomes its UTF-16 surrogate pair). Tests build the real wire format with it.
export function pyDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : JSON.stringify(v);
  if (typeof v === 'string')
    return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(v)) return `[${v.map(pyDumps).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyDumps(k)}: ${pyDumps(x)}`)
    .join(', ')}}`;
}

/** One Atom event as AgentEventBus publishes it: the same string on each topic's channel. */
export function atomWire(topics: string[], event: Record<string, unknown>): { channels: string[]; payload: string } {
  return { channels: topics.map((t) => `agent_events:${t}`), payload: pyDumps({ topics, event }) };
}
