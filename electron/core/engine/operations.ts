// One operation at a time per stack: a second one while one runs is refused with
// OPERATION_IN_PROGRESS naming the running one. Exposes the current OperationState.
import type { OperationKind, OperationState, ProgressEvent } from '../../../shared/stack';
import { AppError } from '../../../shared/result';

const LABEL: Record<OperationKind, string> = { up: 'Start', stop: 'Stop', down: 'Remove', start: 'Start', restart: 'Restart' };
/** What a cancel can stop half-way and roll back; stopping and removing are left to finish. */
const CANCELLABLE: ReadonlySet<OperationKind> = new Set(['up', 'start']);

let counter = 0;
export const newOperationId = (kind: string) => `${kind}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

export class StackOperations {
  private op: OperationState | null = null;
  private abort: AbortController | null = null;
  private listeners = new Set<(op: OperationState | null) => void>();
  private progressListeners = new Set<(e: ProgressEvent) => void>();

  current(): OperationState | null {
    return this.op;
  }

  onChange(fn: (op: OperationState | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onProgress(fn: (e: ProgressEvent) => void): () => void {
    this.progressListeners.add(fn);
    return () => this.progressListeners.delete(fn);
  }

  /** Runs fn as THE operation of the stack, or throws OPERATION_IN_PROGRESS at once. */
  async run<T>(
    kind: OperationKind,
    service: string | undefined,
    fn: (operationId: string, progress: (e: ProgressEvent) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (this.op) {
      const secs = Math.round((Date.now() - this.op.startedAt) / 1000);
      const what = `${LABEL[this.op.kind]}${this.op.service ? ` of ${this.op.service}` : ''}`;
      throw new AppError('OPERATION_IN_PROGRESS', `${what} is already running (started ${secs} s ago)`, {
        running: this.op.kind,
        operationId: this.op.id,
      });
    }
    const op: OperationState = { id: newOperationId(kind), kind, startedAt: Date.now(), progress: {}, cancellable: CANCELLABLE.has(kind) };
    if (service) op.service = service;
    this.op = op;
    const abort = new AbortController();
    this.abort = abort;
    this.emit();
    const progress = (e: ProgressEvent) => {
      if (this.op !== op) return;
      op.progress = { ...op.progress, [e.service ?? '']: e };
      for (const fn of [...this.progressListeners]) {
        try {
          fn(e);
        } catch {
          // Listener bugs must not break the operation.
        }
      }
      this.emit();
    };
    try {
      return await fn(op.id, progress, abort.signal);
    } finally {
      this.op = null;
      this.abort = null;
      this.emit();
    }
  }

  /**
   * Asks the running operation to stop and roll back. False when nothing runs, or what
   * runs cannot be cancelled (Stop and Remove finish what they began).
   */
  cancel(operationId?: string): boolean {
    const op = this.op;
    if (!op || !op.cancellable || !this.abort || (operationId !== undefined && op.id !== operationId)) return false;
    if (!op.cancelling) {
      op.cancelling = true;
      this.abort.abort();
      this.emit();
    }
    return true;
  }

  private emit(): void {
    const snap = this.op ? { ...this.op } : null;
    for (const fn of [...this.listeners]) {
      try {
        fn(snap);
      } catch {
        // ignore
      }
    }
  }
}
