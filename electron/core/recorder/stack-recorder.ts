// The recorder of the stack being watched: one database per compose project in the
// app's data folder, switched when the user picks another stack, started and stopped
// by Settings. It is the monitor's tap and is told of log lines and snapshots.
import { dirname, join } from 'node:path';
import { OFF_RECORDER, type RecorderState } from '../../../shared/history';
import { AppError } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { LogLine, StackSnapshot } from '../../../shared/stack';
import type { TrafficTap } from '../traffic/monitor';
import type { ReadOp } from './protocol';
import type { RecordReads } from './reads';
import type { Retention } from './record-db';
import { Recorder } from './recorder';
import { TransitionTracker } from './transitions';

/** Where the records are kept: \`records\` beside the settings file (the app's data folder). */
export const recordsDirOf = (settingsPath: string): string => join(dirname(settingsPath), 'records');

/** A project name as a file name: compose project names are already [a-z0-9_-], this only guards. */
export const recordFileOf = (dir: string, project: string): string =>
  join(dir, `${project.replace(/[^a-zA-Z0-9_-]/g, '_') || 'default'}.db`);

export const retentionOf = (s: Pick<Settings, 'recordMaxMb' | 'recordMaxDays'>): Retention => ({
  maxBytes: s.recordMaxMb * 1024 * 1024,
  maxAgeMs: s.recordMaxDays * 86_400_000,
});

export interface StackRecorderOptions {
  /** The folder of the records; null: recording is off (settings kept in memory only). */
  dir: string | null;
  settings: Settings;
  onState: (s: RecorderState) => void;
  commitMs?: number;
}

export class StackRecorder implements TrafficTap {
  private recorder: Recorder | null = null;
  private project: string | null = null;
  private settings: Settings;
  private readonly transitions = new TransitionTracker();
  private lastState: RecorderState = OFF_RECORDER;

  constructor(private readonly opts: StackRecorderOptions) {
    this.settings = opts.settings;
  }

  state(): RecorderState {
    return this.recorder?.state() ?? this.lastState;
  }

  /** The stack's snapshot: its project picks the database; what changed is recorded. */
  snapshot(snap: StackSnapshot): void {
    if (snap.project && snap.project !== this.project) this.switchTo(snap.project);
    if (!this.recorder) return;
    for (const e of this.transitions.next(snap)) this.recorder.event(e);
  }

  logs(lines: LogLine[]): void {
    const r = this.recorder;
    if (!r) return;
    for (const l of lines) {
      const at = l.ts ? Date.parse(l.ts) : NaN;
      r.log({
        at: Number.isFinite(at) ? at : Date.now(),
        service: l.service,
        stream: l.stream,
        container: l.container ?? null,
        text: l.text,
      });
    }
  }

  message(seq: number, at: number, channel: string, payload: Buffer): void {
    this.recorder?.message(seq, at, channel, payload);
  }

  merge(seq: number, channel: string): void {
    this.recorder?.merge(seq, channel);
  }

  gap(from: number, to: number): void {
    this.recorder?.gap(from, to);
  }

  async setSettings(next: Settings): Promise<void> {
    const before = this.settings;
    this.settings = next;
    if (next.recordEnabled !== before.recordEnabled) {
      if (!next.recordEnabled) await this.closeRecorder();
      else if (this.project) this.switchTo(this.project);
      this.emitState();
      return;
    }
    if (next.recordMaxMb !== before.recordMaxMb || next.recordMaxDays !== before.recordMaxDays)
      this.recorder?.setRetention(retentionOf(next));
  }

  read<K extends ReadOp>(op: K, args: Parameters<RecordReads[K]>[0]): Promise<ReturnType<RecordReads[K]>> {
    if (!this.recorder) {
      const why = this.opts.dir === null ? 'this core keeps no data folder' : 'recording is off in Settings';
      return Promise.reject(new AppError('RECORDER_UNAVAILABLE', `There is no record to read: ${why}`));
    }
    return this.recorder.read(op, args);
  }

  /** Everything handed over so far is on disk (tests, replay of what just arrived). */
  async drain(): Promise<void> {
    await this.recorder?.drain();
  }

  async close(): Promise<void> {
    await this.closeRecorder();
  }

  private switchTo(project: string): void {
    this.project = project;
    const old = this.recorder;
    this.recorder = null;
    if (old) void old.close();
    this.transitions.reset();
    if (!this.opts.dir || !this.settings.recordEnabled) {
      this.lastState = { ...OFF_RECORDER, reason: this.opts.dir === null ? 'No data folder' : 'Recording is off in Settings' };
      this.emitState();
      return;
    }
    const recorder: Recorder = new Recorder({
      file: recordFileOf(this.opts.dir, project),
      retention: retentionOf(this.settings),
      commitMs: this.opts.commitMs,
      onState: (s) => {
        // A closing recorder's last words are not the current state.
        if (this.recorder !== recorder) return;
        this.lastState = s;
        this.opts.onState(s);
      },
    });
    this.recorder = recorder;
  }

  private async closeRecorder(): Promise<void> {
    const r = this.recorder;
    this.recorder = null;
    if (r) {
      this.lastState = { ...r.state(), status: 'off', reason: 'Recording is off in Settings' };
      await r.close();
    }
  }

  private emitState(): void {
    this.opts.onState(this.state());
  }
}
