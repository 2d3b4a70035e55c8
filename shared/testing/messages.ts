// Agent messages for tests: every field at its "unknown" value unless given.
import type { AgentMessage } from '../traffic';

export function agentMessage(fields: Partial<AgentMessage> = {}): AgentMessage {
  return {
    kind: 'atom',
    seq: 0,
    receivedAt: 0,
    channels: [],
    topics: [],
    eventType: null,
    agentId: null,
    agentName: null,
    actorType: null,
    target: null,
    category: null,
    postType: null,
    postId: null,
    createdAt: null,
    createdAtMs: null,
    visibility: null,
    maturity: null,
    tenant: null,
    channelName: null,
    mentions: [],
    reactions: null,
    preview: '',
    size: 0,
    ...fields,
  };
}
