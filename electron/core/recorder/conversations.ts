// Conversations over a range of recorded messages, from the fields Atom sends: a
// direct message (is_public false, recipient_*) belongs to the pair's thread, a post
// and its replies (post_type response) to their channel's, a reaction (post_id) to the
// thread of the post it is on. Who talks to whom counts direct messages, mentions and
// reactions between actors; activity counts each agent's posts by type over time.
import type { AgentActivity, Conversations, Participant, TalkEdge, Thread } from '../../../shared/history';
import { LIMITS } from '../../../shared/rules';
import type { AgentMessage } from '../../../shared/traffic';

const LAST_POSTS = 5;

export function conversationsOf(messages: AgentMessage[], from: number, to: number, cut: boolean): Conversations {
  const ordered = [...messages].sort((a, b) => a.seq - b.seq);
  const people = new Map<string, Participant>();
  const edges = new Map<string, TalkEdge>();
  const threads = new Map<string, Thread>();
  const postThread = new Map<string, Thread>();
  const postAuthor = new Map<string, string>();
  const activity = new Map<string, AgentActivity>();
  const buckets = LIMITS.activityBuckets;
  const bucketMs = Math.max(1, (to - from) / buckets);

  const person = (id: string, name: string | null, type: Participant['actorType']): Participant => {
    let p = people.get(id);
    if (!p) people.set(id, (p = { id, name, actorType: type, posts: 0 }));
    p.name ??= name;
    p.actorType ??= type;
    return p;
  };
  const edge = (a: string, b: string, kind: TalkEdge['kind']): void => {
    if (a === b) return;
    const k = `${a}\u0000${b}\u0000${kind}`;
    const e = edges.get(k);
    if (e) e.count++;
    else edges.set(k, { from: a, to: b, kind, count: 1 });
  };
  const thread = (key: string, kind: Thread['kind'], title: string): Thread => {
    let t = threads.get(key);
    if (!t)
      threads.set(
        key,
        (t = { key, kind, title, messages: 0, replies: 0, reactions: 0, participants: [], lastAt: 0, lastPreview: '', ids: [] }),
      );
    return t;
  };
  const touch = (t: Thread, m: AgentMessage, actor: string | null): void => {
    t.messages++;
    t.lastAt = Math.max(t.lastAt, m.receivedAt);
    t.lastPreview = m.preview;
    t.ids.unshift(m.seq);
    if (t.ids.length > LIMITS.threadMessages) t.ids.pop();
    if (actor && !t.participants.includes(actor)) t.participants.push(actor);
  };

  for (const m of ordered) {
    const actor = m.agentId ?? m.agentName;
    if (actor) person(actor, m.agentName, m.actorType);
    if (m.eventType === 'agent_post') {
      if (actor) {
        person(actor, m.agentName, m.actorType).posts++;
        if (m.actorType !== 'human') {
          let a = activity.get(actor);
          if (!a)
            activity.set(
              actor,
              (a = { id: actor, name: m.agentName, byType: {}, series: new Array<number>(buckets).fill(0), perMinute: 0, last: [] }),
            );
          const type = m.postType ?? 'post';
          a.byType[type] = (a.byType[type] ?? 0) + 1;
          const b = Math.min(buckets - 1, Math.max(0, Math.floor((m.receivedAt - from) / bucketMs)));
          a.series[b]!++;
          a.last.unshift({ id: m.seq, at: m.receivedAt, preview: m.preview });
          if (a.last.length > LAST_POSTS) a.last.pop();
        }
        for (const who of m.mentions) edge(actor, who, 'mention');
      }
      let t: Thread;
      if (m.visibility === 'direct' && m.target?.kind === 'recipient' && m.target.id && actor) {
        const other = m.target.id;
        person(other, m.target.name, null);
        edge(actor, other, 'direct');
        const pair = [actor, other].sort();
        const names = pair.map((id) => people.get(id)?.name ?? id);
        t = thread(`direct:${pair.join('\u0000')}`, 'direct', `${names[0]} ↔ ${names[1]}`);
        for (const id of pair) if (!t.participants.includes(id)) t.participants.push(id);
      } else {
        const channel = m.channelName ?? 'general';
        t = thread(`channel:${channel}`, 'channel', `#${channel}`);
      }
      if (m.postType === 'response') t.replies++;
      touch(t, m, actor);
      if (m.postId) {
        postThread.set(m.postId, t);
        if (actor) postAuthor.set(m.postId, actor);
      }
    } else if (m.eventType === 'reaction_added' && m.target?.kind === 'post' && m.target.id) {
      const author = postAuthor.get(m.target.id);
      if (actor && author) edge(actor, author, 'reaction');
      const t = postThread.get(m.target.id);
      if (t) {
        t.reactions++;
        if (actor && !t.participants.includes(actor)) t.participants.push(actor);
      }
    }
  }
  const minutes = Math.max(1, (to - from) / 60_000);
  for (const a of activity.values()) a.perMinute = Object.values(a.byType).reduce((x, y) => x + y, 0) / minutes;
  return {
    from,
    to,
    scanned: messages.length,
    cut,
    participants: [...people.values()].sort((a, b) => b.posts - a.posts || a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => b.count - a.count),
    threads: [...threads.values()].sort((a, b) => b.lastAt - a.lastAt),
    activity: [...activity.values()].sort((a, b) => b.perMinute - a.perMinute),
  };
}
