// The decoded fields of a message, as label/value rows for the detail pane (above
// the raw JSON). Only what is known is listed.
import type { AgentMessage } from '../../../shared/traffic';

const TARGET_LABEL = { recipient: 'To', post: 'On post', channel: 'Channel' } as const;

export function decodedFacts(m: AgentMessage): [string, string][] {
  const rows: [string, string | null][] = [
    ['From', actor(m)],
    ['Event', [m.eventType ?? m.kind, m.postType].filter(Boolean).join(' / ')],
    [m.target ? TARGET_LABEL[m.target.kind] : 'To', m.target ? targetText(m) : null],
    ['Visibility', m.visibility],
    ['Channel', m.channelName ? `#${m.channelName}` : null],
    ['Maturity', m.maturity],
    ['Category', m.category],
    ['Tenant', m.tenant],
    ['Mentions', m.mentions.length > 0 ? m.mentions.join(', ') : null],
    ['Created', m.createdAtMs !== null ? new Date(m.createdAtMs).toISOString().replace('T', ' ').replace('Z', ' UTC') : m.createdAt],
    ['Channels', m.channels.join(', ')],
    ['Size', `${m.size} B`],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null && r[1] !== '');
}

function actor(m: AgentMessage): string | null {
  const who = m.agentName && m.agentId && m.agentName !== m.agentId ? `${m.agentName} (${m.agentId})` : (m.agentName ?? m.agentId);
  if (!who) return null;
  return m.actorType ? `${who} · ${m.actorType}` : who;
}

function targetText(m: AgentMessage): string | null {
  const t = m.target!;
  if (t.name && t.id && t.name !== t.id) return `${t.name} (${t.id})`;
  return t.name ?? t.id;
}
