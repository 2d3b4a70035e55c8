// A tiny emitter for one operation's ProgressEvents (the id and timestamps filled in).
import type { ProgressEvent, ProgressStep } from '../../../shared/stack';

export type ProgressSink = (e: ProgressEvent) => void;

export interface Reporter {
  (
    service: string | undefined,
    step: ProgressStep,
    status: ProgressEvent['status'],
    message?: string,
    counts?: { current?: number; total?: number },
  ): void;
}

export function reporter(operationId: string, sink: ProgressSink | undefined): Reporter {
  return (service, step, status, message, counts) => {
    if (!sink) return;
    const e: ProgressEvent = { operationId, step, status, at: Date.now() };
    if (service !== undefined) e.service = service;
    if (message !== undefined) e.message = message;
    if (counts?.current !== undefined) e.current = counts.current;
    if (counts?.total !== undefined) e.total = counts.total;
    try {
      sink(e);
    } catch {
      // A broken listener must not fail the operation.
    }
  };
}

/** Services in `order` that `targets` need: the targets plus their dependencies, transitively. */
export function withDependencies(deps: Record<string, string[]>, order: string[], targets: string[] | undefined): string[] {
  if (!targets) return [...order];
  const need = new Set<string>();
  const visit = (s: string) => {
    if (need.has(s)) return;
    need.add(s);
    for (const d of deps[s] ?? []) visit(d);
  };
  targets.forEach(visit);
  return order.filter((s) => need.has(s));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
