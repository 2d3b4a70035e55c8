// What the record keeps of the stack's life: a service's status changing (healthy ->
// unhealthy, a recreate), and operations starting and ending. Pure: it compares each
// snapshot with the one before.
import type { StackSnapshot } from '../../../shared/stack';
import type { RecordEventInput } from './batch';

/** A failing check's output kept with its event, at most (its end: where the error is). */
const OUTPUT_CHARS = 2_000;

interface Seen {
  status: string;
  containerId: string | null;
}

export class TransitionTracker {
  private services = new Map<string, Seen>();
  private operation: { id: string; kind: string; service: string | null; startedAt: number } | null = null;

  /** Events for what changed since the last snapshot (everything but absent services, for the first). */
  next(snap: StackSnapshot, now = Date.now()): RecordEventInput[] {
    const out: RecordEventInput[] = [];
    for (const s of snap.services) {
      // Unknown is the engine being unreachable (or not read yet), not the service changing.
      if (s.status === 'unknown') continue;
      const before = this.services.get(s.name);
      const recreated =
        before !== undefined && s.containerId !== null && before.containerId !== null && before.containerId !== s.containerId;
      if ((before === undefined && s.status !== 'absent') || (before !== undefined && before.status !== s.status) || recreated) {
        out.push({ at: now, source: 'health', service: s.name, status: s.status, message: detailOf(s, recreated) });
      }
      this.services.set(s.name, { status: s.status, containerId: s.containerId });
    }
    const op = snap.operation;
    if (op && op.id !== this.operation?.id) {
      if (this.operation) out.push(this.ended(snap, now));
      this.operation = { id: op.id, kind: op.kind, service: op.service ?? null, startedAt: op.startedAt };
      out.push({ at: op.startedAt || now, source: 'operation', service: op.service ?? null, status: 'started', message: op.kind });
    } else if (!op && this.operation) {
      out.push(this.ended(snap, now));
      this.operation = null;
    }
    return out;
  }

  /** A new stack: nothing is known of it yet. */
  reset(): void {
    this.services.clear();
    this.operation = null;
  }

  private ended(snap: StackSnapshot, now: number): RecordEventInput {
    const op = this.operation!;
    const err = snap.lastError && snap.lastError.at >= op.startedAt ? snap.lastError : null;
    return {
      at: now,
      source: 'operation',
      service: op.service ?? err?.service ?? null,
      status: err ? 'failed' : 'done',
      message: err ? `${op.kind}: ${err.message}` : op.kind,
    };
  }
}

function detailOf(s: StackSnapshot['services'][number], recreated: boolean): string | null {
  const parts: string[] = [];
  if (recreated && s.containerId) parts.push(`recreated as ${s.containerId.slice(0, 12)}`);
  if ((s.status === 'exited' || s.status === 'dead') && s.exitCode !== null) parts.push(`exit code ${s.exitCode}`);
  const last = s.healthLog[s.healthLog.length - 1];
  if ((s.status === 'unhealthy' || s.failingStreak) && last) parts.push(tail(last.output.trim(), OUTPUT_CHARS));
  return parts.length ? parts.join('; ') : null;
}

const tail = (text: string, max: number): string => (text.length > max ? `…${text.slice(-max)}` : text);
