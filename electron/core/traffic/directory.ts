// What the monitor learns from the traffic itself, to read later messages: the name
// behind an id (a reaction carries only its sender's id), who wrote a post, which
// buffered message a post is, and the latest reactions to it. Bounded: the oldest
// entries go first.
import type { AgentMessage } from '../../../shared/traffic';
import type { DecodeContext } from './atom-events';

const MAX_NAMES = 10_000;
const MAX_POSTS = 100_000;

interface PostEntry {
  seq: number;
  author: string | null;
  reactions: Record<string, number> | null;
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

export class TrafficDirectory implements DecodeContext {
  private readonly names = new Map<string, string>();
  private readonly posts = new Map<string, PostEntry>();

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
    if (m.agentId && m.agentName && m.agentId !== m.agentName) remember(this.names, m.agentId, m.agentName, MAX_NAMES);
    if (m.eventType === 'agent_post' && m.postId) {
      const known = this.posts.get(m.postId);
      remember(
        this.posts,
        m.postId,
        { seq: m.seq, author: m.agentName ?? m.agentId, reactions: m.reactions ?? known?.reactions ?? null },
        MAX_POSTS,
      );
      if (known?.reactions && !m.reactions) m.reactions = known.reactions;
      return null;
    }
    if (m.eventType === 'reaction_added' && m.target?.kind === 'post' && m.target.id && m.reactions) {
      const post = this.posts.get(m.target.id);
      if (!post) {
        remember(this.posts, m.target.id, { seq: -1, author: null, reactions: m.reactions }, MAX_POSTS);
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
