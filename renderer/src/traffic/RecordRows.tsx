// The rows that join the live message table to the flight recorder's record: the
// loader on top (it reads the next older page when it comes into view) and the seam
// where the live buffer starts.
import { useEffect } from 'react';
import type { Scrollback } from './useRecordScrollback';

export function RecordLoaderRow({ scrollback, recorded }: { scrollback: Scrollback; recorded: number }) {
  const { status, error, loadOlder } = scrollback;
  // In view means wanted: read the next page (the list mounts rows only near the
  // viewport). A frame later, so a page just added above has scrolled this row away.
  useEffect(() => {
    if (status !== 'idle') return;
    const frame = requestAnimationFrame(loadOlder);
    return () => cancelAnimationFrame(frame);
  }, [status, recorded, loadOlder]);
  const text =
    status === 'ended'
      ? `Start of the record: ${recorded.toLocaleString()} recorded ${recorded === 1 ? 'message' : 'messages'} above the live buffer.`
      : status === 'error'
        ? `The record could not be read: ${error}`
        : 'Reading older messages from the record…';
  return (
    <div
      className={`msg-row record-row ${status === 'error' ? 'tone-bad' : ''}`}
      role="option"
      aria-selected={false}
      id="msg-record-loader"
      data-testid="record-loader"
    >
      {text}
      {status === 'error' && (
        <button type="button" className="link" onClick={loadOlder}>
          Try again
        </button>
      )}
    </div>
  );
}

export function RecordSeamRow() {
  return (
    <div className="msg-row record-row seam-row" role="option" aria-selected={false} id="msg-record-seam" data-testid="record-seam">
      <span aria-hidden="true">↑</span> from the record · the live buffer starts here <span aria-hidden="true">↓</span>
    </div>
  );
}
