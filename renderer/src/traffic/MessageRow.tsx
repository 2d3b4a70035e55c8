import { memo, useEffect } from 'react';
import type { StreamItem } from '../../../shared/traffic';
import { clockMs, gapLabel } from '../util/format';

export const MESSAGE_ROW_HEIGHT = 30;

/** The row's element id, which the list's aria-activedescendant names; a recorded row's seq is its record id. */
export const messageRowId = (seq: number, recorded = false): string => (recorded ? `msg-r${seq}` : `msg-${seq}`);

export const MessageRow = memo(function MessageRow({
  item,
  selected,
  active = false,
  onSelect,
  recorded = false,
  sharded = false,
}: {
  item: StreamItem;
  selected: boolean;
  /** A row read from the flight recorder's record, above the live buffer's. */
  recorded?: boolean;
  /** It came on a cluster's sharded channel (SSUBSCRIBE). */
  sharded?: boolean;
  /** The keyboard's current row (the list is one tab stop). */
  active?: boolean;
  onSelect: (seq: number) => void;
}) {
  if (item.kind === 'gap') {
    return (
      <div
        className={`msg-row gap-row ${active ? 'active' : ''}`}
        id={messageRowId(item.seq)}
        role="option"
        aria-selected={false}
        data-testid="gap-row"
      >
        <span aria-hidden="true">⚠</span> {gapLabel(item.from, item.to)}
      </div>
    );
  }
  return (
    <div
      className={`msg-row ${selected ? 'selected' : ''} ${active ? 'active' : ''} ${recorded ? 'recorded' : ''}`}
      role="option"
      aria-selected={selected}
      id={messageRowId(item.seq, recorded)}
      data-testid={recorded ? 'recorded-row' : 'message-row'}
      data-seq={item.seq}
      onClick={() => onSelect(item.seq)}
    >
      <span className="c-time mono">{clockMs(item.receivedAt)}</span>
      <span className="c-agent" data-testid="message-agent" title={[item.agentId, item.actorType].filter(Boolean).join(' · ') || undefined}>
        {item.actorType && item.actorType !== 'agent' && <span className={`actor-tag actor-${item.actorType}`}>{item.actorType}</span>}
        <span data-testid="message-agent-name">{item.agentName ?? item.agentId ?? '—'}</span>
      </span>
      <span className="c-cat">{item.visibility === 'direct' ? 'direct' : (item.category ?? '—')}</span>
      <span className="c-post">{item.postType ?? '—'}</span>
      <span className="c-type mono" data-testid="message-type">
        {item.eventType ?? item.kind}
      </span>
      <span className="c-topics mono">
        {sharded && (
          <span className="tag-sharded" data-testid="message-sharded" title="A sharded channel: published with SPUBLISH, kept by one shard">
            sharded
          </span>
        )}
        {item.topics.join(', ') || item.channels.join(', ')}
      </span>
      <span className="c-preview" data-testid="message-preview">
        {item.preview}
        {item.reactions && <Reactions reactions={item.reactions} />}
      </span>
    </div>
  );
});

/**
 * A live slot whose message a flood's batch left out: it is read from the core's buffer
 * as soon as the row is on screen (`want`), or says it has left the buffer.
 */
export const PendingRow = memo(function PendingRow({
  seq,
  active,
  fetchable,
  want,
}: {
  seq: number;
  active: boolean;
  fetchable: boolean;
  want: (seq: number) => void;
}) {
  useEffect(() => {
    if (fetchable) want(seq);
  }, [seq, fetchable, want]);
  return (
    <div
      className={`msg-row pending-row ${active ? 'active' : ''}`}
      id={messageRowId(seq)}
      role="option"
      aria-selected={false}
      data-testid="pending-row"
    >
      <span className="muted">{fetchable ? `#${seq} · reading from the buffer…` : `#${seq} · no longer in the live buffer`}</span>
    </div>
  );
});

/** Emoji and count, as the post's readers see them. */
export function Reactions({ reactions }: { reactions: Record<string, number> }) {
  return (
    <span className="reactions" data-testid="message-reactions">
      {Object.entries(reactions).map(([emoji, n]) => (
        <span key={emoji} className="reaction" aria-label={`${emoji} ${n}`}>
          {emoji} {n}
        </span>
      ))}
    </span>
  );
}

export function MessageHeader() {
  return (
    <div className="msg-row msg-head" aria-hidden="true">
      <span className="c-time">Time</span>
      <span className="c-agent">From</span>
      <span className="c-cat">Category / DM</span>
      <span className="c-post">Post type</span>
      <span className="c-type">Event type</span>
      <span className="c-topics">Topics</span>
      <span className="c-preview">Summary</span>
    </div>
  );
}
