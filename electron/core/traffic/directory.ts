// What the monitor learns from the traffic itself, to read later messages: the name
// behind an id (a reaction carries only its sender's id), who wrote a post, which
// buffered message a post is, and the latest reactions to it. Bounded: the oldest
// generation of entries goes first.
import type { AgentMessage } from '../../../shared/traffic';
import type { DecodeContext } from './atom-events';

const MAX_NAMES = 10_000;
/** Recent posts remembered (two generations of this many): reactions name their author, counts reach the post. */
const MAX_POSTS = 25_000;

interface PostEntry {
  seq: number;
  author: string | null;
  reactions: Record<string, number> | null;
}

/**
 * A bounded map in two generations: when the young one is full it becomes the old
 * one and the oldest generation is dropped whole. O(1) per operation (no iterator
 * walks over deleted slots, which made evicting from one big Map slow), and at most
 * 2 × max entries.
 */
class TwoGenerationMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.max && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}

export class TrafficDirectory implements DecodeContext {
  private readonly names = new TwoGenerationMap<string, string>(MAX_NAMES);
  private readonly posts = new TwoGenerationMap<string, PostEntry>(MAX_POSTS);

  nameOf(id: string): string | null {
    return this.names.get(id) ?? null;
  }

  postAuthor(postId: string): string | null {
    return this.posts.get(postId)?.author ?? null;
  }

  /** Latest reactions known for a post (a message decoded again from its payload gets them back). */
  reactionsOf(postId: string): Record<string, number> | null {
    return this.posts.get(postId)?.reactions ?? null;
  }

  /** Learns from a new message. Returns the post a reaction changed, with its new counts. */
  learn(m: AgentMessage): { seq: number; reactions: Record<string, number> } | null {
    if (m.agentId && m.agentName && m.agentId !== m.agentName && this.names.get(m.agentId) !== m.agentName) {
      this.names.set(m.agentId, m.agentName);
    }
    if (m.eventType === 'agent_post' && m.postId) {
      const known = this.posts.get(m.postId);
      this.posts.set(m.postId, { seq: m.seq, author: m.agentName ?? m.agentId, reactions: m.reactions ?? known?.reactions ?? null });
      if (known?.reactions && !m.reactions) m.reactions = known.reactions;
      return null;
    }
    if (m.eventType === 'reaction_added' && m.target?.kind === 'post' && m.target.id && m.reactions) {
      const post = this.posts.get(m.target.id);
      if (!post) {
        this.posts.set(m.target.id, { seq: -1, author: null, reactions: m.reactions });
        return null;
      }
      post.reactions = m.reactions;
      return post.seq >= 0 ? { seq: post.seq, reactions: m.reactions } : null;
    }
    return null;
  }

  clear(): void {
    this.names.clear();
    this.posts.clear();
  }
}
