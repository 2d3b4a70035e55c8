// Which subscriber a Valkey URL needs: a cluster (named as one, or a plain URL whose
// node says it is in a cluster), or one node, a Sentinel's master included.
import { ClusterSubscriber } from './cluster-subscriber';
import { PatternSubscriber, type Subscriber, type SubscriberHandlers } from './subscriber';
import { checkRedisUrl, nodeClient, type ValkeyTarget } from './url';

const DETECT_TIMEOUT_MS = 1_500;

/** True when the node answers INFO with cluster_enabled:1; false when not, or when it cannot be asked. */
export async function inCluster(target: ValkeyTarget): Promise<boolean> {
  const c = nodeClient(target, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: DETECT_TIMEOUT_MS,
    commandTimeout: DETECT_TIMEOUT_MS,
  });
  c.on('error', () => {}); // unreachable: the node subscriber reports it, and retries
  try {
    await c.connect();
    return /^cluster_enabled:1\s*$/m.test(await c.info('cluster'));
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

export async function openSubscriber(
  url: string,
  patterns: string[],
  handlers: SubscriberHandlers,
  now: () => number = Date.now,
): Promise<Subscriber> {
  const target = checkRedisUrl(url);
  const cluster = target.kind === 'cluster' || (target.kind === 'node' && (await inCluster(target)));
  return cluster ? new ClusterSubscriber(target, patterns, handlers, now) : new PatternSubscriber(url, patterns, handlers, now);
}
