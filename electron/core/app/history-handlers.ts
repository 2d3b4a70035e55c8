// The contract's history commands: reads go to the recorder's worker thread (the core's
// loop never runs a query), replays publish to the stack's Valkey.
import { AppError } from '../../../shared/result';
import type { StackRecorder } from '../recorder/stack-recorder';
import type { ImportUploads } from '../recorder/import-uploads';
import type { Replays } from '../recorder/replay';
import type { RecorderState } from '../../../shared/history';
import type { CommandHandlers } from './dispatch';

type HistoryCommand =
  | 'recorder.get'
  | 'history.messages'
  | 'history.message'
  | 'history.logs'
  | 'history.timeline'
  | 'history.conversations'
  | 'history.export'
  | 'history.plan'
  | 'history.replay'
  | 'history.replayCancel'
  | 'history.importChunk'
  | 'history.importFinish'
  | 'history.importCancel';

export interface HistoryDeps {
  recorder: StackRecorder;
  replays: Replays;
  uploads: ImportUploads;
  /** The stack's Valkey, or an AppError saying why there is none. */
  valkeyUrl: () => string;
}

export function historyHandlers({ recorder, replays, uploads, valkeyUrl }: HistoryDeps): Pick<CommandHandlers, HistoryCommand> {
  return {
    'recorder.get': () => recorder.state(),
    'history.messages': (q) => recorder.read('messages', q),
    'history.message': async ({ id, raw }) => {
      const detail = await recorder.read('detail', { id, raw: raw ?? false });
      if (!detail) throw new AppError('NOT_FOUND', `Recorded message #${id} is not in the record (removed by retention)`);
      return detail;
    },
    'history.logs': (q) => recorder.read('logs', q),
    'history.timeline': (q) => recorder.read('timeline', q),
    'history.conversations': (q) => recorder.read('conversations', q),
    'history.export': (q) => recorder.read('export', q),
    'history.plan': (q) => recorder.read('plan', q),
    'history.replay': async (req) => {
      const url = valkeyUrl();
      const { speed: _speed, ...selection } = req;
      const plan = await recorder.read('plan', selection);
      if (plan.count === 0) throw new AppError('NOT_FOUND', 'Nothing to replay: no recorded message matches this selection');
      const { id } = replays.start({ range: (q) => recorder.read('range', q) }, url, req, plan.count);
      return { id, plan };
    },
    'history.replayCancel': ({ id }) => ({ cancelled: replays.cancel(id) }),
    'history.importChunk': (chunk, { client }) => {
      // Refused before any byte is kept when there is no record to import into.
      if (chunk.upload === undefined) recordingOrThrow(recorder.state());
      return uploads.chunk(chunk, client);
    },
    'history.importFinish': ({ upload }, { client }) =>
      uploads.finish(upload, client, async (file, name) => ({ name, ...(await recorder.read('import', { file, name })) })),
    'history.importCancel': ({ upload }, { client }) => ({ cancelled: uploads.cancel(upload, client) }),
  };
}

function recordingOrThrow(s: RecorderState): void {
  if (s.status !== 'recording') throw new AppError('RECORDER_UNAVAILABLE', `Nothing can be imported: ${s.reason ?? 'the recorder is off'}`);
}
