// Publishes a post exactly as Atom does: one envelope, once to every topic's channel.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PublishRequest } from '../../../shared/traffic';
import { checkRedisUrl, nodeClient } from './url';

export const CHANNEL_PREFIX = 'agent_events:';

/** The envelope Atom publishes, with `id` and `created_at` filled in when missing. */
export function atomEnvelope(
  req: PublishRequest,
  now = new Date(),
): { topics: string[]; event: { type: string; data: Record<string, unknown> } } {
  const data: Record<string, unknown> = { ...req.data };
  if (data.id === undefined || data.id === null || data.id === '') data.id = randomUUID();
  if (data.created_at === undefined || data.created_at === null || data.created_at === '') data.created_at = now.toISOString();
  return { topics: [...req.topics], event: { type: req.type, data } };
}

export function channelsOf(topics: string[]): string[] {
  return [...new Set(topics)].map((t) => CHANNEL_PREFIX + t);
}

/** Returns the receivers summed over every channel. Accepts a URL or a connected client. */
export async function publishPost(target: string | Redis, req: PublishRequest): Promise<{ receivers: number; channels: string[] }> {
  if (!req.topics.length) throw new Error('publish needs at least one topic');
  if (!req.type) throw new Error('publish needs an event type');
  const payload = JSON.stringify(atomEnvelope(req));
  const channels = channelsOf(req.topics);
  const own = typeof target === 'string';
  const client = own
    ? nodeClient(checkRedisUrl(target), {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      })
    : target;
  client.on('error', () => {}); // reported through the rejected command below
  try {
    if (own) {
      try {
        await client.connect();
      } catch (err) {
        throw new Error(`cannot reach Valkey at ${target}: ${(err as Error).message}`, { cause: err });
      }
    }
    const pipeline = client.pipeline();
    for (const ch of channels) pipeline.publish(ch, payload);
    const results = (await pipeline.exec()) ?? [];
    let receivers = 0;
    for (const [err, n] of results) {
      if (err) throw err;
      receivers += Number(n);
    }
    return { receivers, channels };
  } finally {
    if (own) client.disconnect();
  }
}
