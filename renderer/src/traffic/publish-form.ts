// Publish form text -> the core's publish request, with precise errors.
import type { PublishRequest } from '../../../shared/traffic';
import type { MessageDetail } from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';

export interface PublishForm {
  topics: string;
  type: string;
  data: string;
}

export const EMPTY_PUBLISH: PublishForm = { topics: 'global', type: 'test', data: '{\n  "content": "hello from Atom Desktop"\n}' };

export function parsePublish(f: PublishForm): { ok: true; value: PublishRequest } | { ok: false; error: string } {
  const topics = f.topics
    .split(/[,\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (topics.length === 0) return { ok: false, error: 'Topics: give at least one topic (comma-separated).' };
  const type = f.type.trim();
  if (!type) return { ok: false, error: 'Type: required.' };
  let data: unknown;
  try {
    data = JSON.parse(f.data);
  } catch (err) {
    return { ok: false, error: `Data: not valid JSON (${(err as Error).message}).` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: 'Data: must be a JSON object ({...}).' };
  // Said here, before sending: the core refuses (and closes) a message over its limit.
  const bytes = new TextEncoder().encode(JSON.stringify(data)).length;
  if (bytes > LIMITS.publishDataBytes) {
    return { ok: false, error: `Data: ${formatSize(bytes)} is over the ${formatSize(LIMITS.publishDataBytes)} a publish may carry.` };
  }
  return { ok: true, value: { topics, type, data: data as Record<string, unknown> } };
}

const formatSize = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The data an envelope carries: Atom's `event.data`, a bare `data`, or the payload itself. */
function envelopeData(p: unknown): unknown {
  if (!isObject(p)) return p;
  if (isObject(p.event) && 'data' in p.event) return p.event.data;
  if ('data' in p) return p.data;
  return p;
}

/** Prefill from a received message: its topics, its event type, its data. */
export function publishFromDetail(d: MessageDetail): PublishForm {
  const inner = envelopeData(d.payload);
  const data = isObject(inner) ? inner : { content: d.raw };
  return {
    topics: (d.message.topics.length > 0 ? d.message.topics : d.message.channels).join(', '),
    type: d.message.eventType ?? 'test',
    data: JSON.stringify(data, null, 2),
  };
}
