// Import: a colleague's export (JSON Lines, or a record's .db) added to this stack's
// record. The page reads the file and uploads it in pieces through the contract, so it
// works the same over IPC and over serve; the core checks it whole before it writes.
import { useRef, useState } from 'react';
import { LIMITS } from '../../../shared/rules';
import { useStoreInstance } from '../state/context';

export interface ImportDone {
  name: string;
  messages: number;
  from: number;
  to: number;
}

type Phase = { t: 'idle' } | { t: 'uploading'; name: string; sent: number; size: number } | { t: 'importing'; name: string };

/** base64 of bytes, a slice at a time (String.fromCharCode takes a bounded argument list). */
function base64Of(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const MiB = 1024 * 1024;

export function ImportButton({
  onStart,
  onDone,
  onError,
}: {
  onStart: () => void;
  onDone: (d: ImportDone) => void;
  onError: (message: string) => void;
}) {
  const { api } = useStoreInstance();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ t: 'idle' });
  const cancelled = useRef(false);
  const upload = useRef<string | null>(null);

  const run = async (file: File) => {
    cancelled.current = false;
    upload.current = null;
    onStart();
    if (file.size > LIMITS.importMaxBytes) {
      onError(
        `${file.name} is larger than the ${LIMITS.importMaxBytes / MiB} MB the app imports (the CLI's history --import takes any size)`,
      );
      return;
    }
    try {
      let id: string | null = null;
      let sent = 0;
      // At least one piece, so an empty file is answered (as holding nothing) by the core.
      do {
        setPhase({ t: 'uploading', name: file.name, sent, size: file.size });
        const piece = new Uint8Array(await file.slice(sent, sent + LIMITS.importChunkBytes).arrayBuffer());
        if (cancelled.current) return;
        const prev: string | null = id;
        const r = await api.invoke('history.importChunk', {
          ...(prev ? { upload: prev } : {}),
          name: file.name.slice(0, 255),
          data: base64Of(piece),
        });
        if (!r.ok) return onError(r.error.message);
        const started: string = r.value.upload;
        id = started;
        if (cancelled.current) {
          // Cancelled while this piece was on its way: the upload it started goes too.
          void api.invoke('history.importCancel', { upload: started });
          return;
        }
        upload.current = started;
        sent += piece.length;
      } while (sent < file.size);
      if (!id) return;
      setPhase({ t: 'importing', name: file.name });
      upload.current = null;
      const done = await api.invoke('history.importFinish', { upload: id });
      if (!done.ok) return onError(done.error.message);
      onDone(done.value);
    } finally {
      setPhase({ t: 'idle' });
    }
  };

  const cancel = () => {
    cancelled.current = true;
    if (upload.current) void api.invoke('history.importCancel', { upload: upload.current });
    upload.current = null;
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept=".jsonl,.ndjson,.json,.db,application/x-ndjson"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // The same file can be chosen again.
          e.target.value = '';
          if (file) void run(file);
        }}
        data-testid="history-import-file"
      />
      {phase.t === 'idle' ? (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => input.current?.click()}
          title="Add an export (JSON Lines, or a record's .db file) to this stack's record"
          data-testid="history-import"
        >
          Import…
        </button>
      ) : (
        <span className="row gap-sm small" role="status" data-testid="history-import-progress">
          {phase.t === 'uploading' ? (
            <>
              <progress max={phase.size || 1} value={phase.sent} aria-label={`Uploading ${phase.name}`} />
              Reading {phase.name}…
            </>
          ) : (
            `Importing ${phase.name}…`
          )}
          {phase.t === 'uploading' && (
            <button type="button" className="btn btn-sm btn-ghost" onClick={cancel} data-testid="history-import-cancel">
              Cancel
            </button>
          )}
        </span>
      )}
    </>
  );
}
