// An export arrives in chunks (newest first, each at most LIMITS.exportChunkBytes) so
// that no single answer from the core holds the whole buffer; this gathers them into
// the parts of one file, oldest first.
import type { AtomApi } from '../../../shared/contract';
import { ok, type Result } from '../../../shared/result';
import type { MessageQuery } from '../../../shared/traffic';

export async function fetchExport(api: Pick<AtomApi, 'invoke'>, query: MessageQuery): Promise<Result<string[]>> {
  const chunks: string[] = [];
  let before: number | undefined;
  let remaining = query.limit ?? Infinity;
  for (;;) {
    const limit = Number.isFinite(remaining) ? remaining : undefined;
    const r = await api.invoke('traffic.export', {
      ...query,
      ...(limit !== undefined ? { limit } : {}),
      ...(before !== undefined ? { before } : {}),
    });
    if (!r.ok) return r;
    chunks.push(r.value.jsonl);
    remaining -= r.value.count;
    if (r.value.next === null || remaining <= 0) break;
    before = r.value.next;
  }
  return ok(chunks.reverse());
}
