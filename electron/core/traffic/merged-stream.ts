// For line-oriented output (the CLI): decoded messages handed on only once complete,
// i.e. every copy arrived (each topic's channel that the patterns cover) or the dedupe
// window closed, so each post prints once with all its channels.
import type { AgentMessage } from '../../../shared/traffic';
import { decodePayload } from './decode';
import { DEFAULT_DEDUPE_WINDOW_MS, Deduper } from './dedupe';
import { TrafficDirectory } from './directory';
import { globToRegExp, matchesAny } from './glob';
import { CHANNEL_PREFIX } from './publish';

export interface CompleteMessage {
  message: AgentMessage;
  payload: Buffer;
}

interface Pending extends CompleteMessage {
  channels: string[];
  expected: number;
  done: boolean;
}

/** Every channel Atom publishes this payload on, as far as the payload and its channel tell. */
export function copyChannels(d: AgentMessage, channel: string): string[] {
  if (d.topics.length > 0) return d.topics.map((t) => CHANNEL_PREFIX + t);
  const parts = channel.split(':');
  if (parts[0] === 'activity' && parts.length >= 3) {
    const all = `activity:${parts[1]}:all`;
    if (channel !== all) return [channel, all];
    return d.agentId ? [`activity:${parts[1]}:${d.agentId}`, all] : [channel];
  }
  return [channel];
}

export class MergedStream {
  private readonly dedupe: Deduper<Pending>;
  private readonly patterns: RegExp[];
  private seq = 0;
  /** Names and post authors learned so far, so reactions read as sentences. */
  private readonly directory = new TrafficDirectory();

  constructor(
    patterns: string[],
    private readonly onComplete: (m: CompleteMessage) => void,
    windowMs = DEFAULT_DEDUPE_WINDOW_MS,
  ) {
    this.patterns = patterns.map(globToRegExp);
    this.dedupe = new Deduper<Pending>(windowMs, undefined, (p) => this.complete(p));
  }

  ingest(channel: string, payload: Buffer, now = Date.now()): void {
    const prior = this.dedupe.merge(payload, channel, now);
    if (prior) {
      if (prior.channels.length >= prior.expected) this.complete(prior);
      return;
    }
    const d = decodePayload(payload, channel, this.directory);
    const copy = Buffer.from(payload);
    const channels = [channel];
    const message: AgentMessage = { ...d, seq: this.seq++, receivedAt: now, channels };
    // Atom sends one copy per topic (activity: one per agent and one on :all): those
    // whose channel we subscribed to will come.
    const expected = new Set(copyChannels(d, channel).filter((c) => matchesAny(this.patterns, c))).size;
    this.directory.learn(message);
    const pending: Pending = { message, payload: copy, channels, expected: Math.max(1, expected), done: false };
    this.dedupe.add(payload, copy, pending, now);
    if (channels.length >= pending.expected) this.complete(pending);
  }

  /** Closes windows that are over (call every few hundred ms). */
  tick(now = Date.now()): void {
    this.dedupe.expire(now);
  }

  /** Hands on everything still waiting for copies. */
  flush(): void {
    this.dedupe.flush();
  }

  private complete(p: Pending): void {
    if (p.done) return;
    p.done = true;
    this.onComplete({ message: p.message, payload: p.payload });
  }
}
