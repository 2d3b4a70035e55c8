// Runs the core-side message query: debounced while the user types, and refreshed
// at most every refreshMs while new batches arrive, so a busy stream cannot turn
// into a query storm. Stale answers (from an older query) are dropped.
import type { Result } from '../../../shared/result';
import type { MessageQuery, QueryResult } from '../../../shared/traffic';

export interface QueryOutcome {
  query: MessageQuery;
  result: QueryResult | null;
  error: string | null;
}

export interface QueryRunnerOptions {
  debounceMs?: number;
  refreshMs?: number;
  now?: () => number;
}

export class QueryRunner {
  private query: MessageQuery | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRun = -Infinity;
  private token = 0;
  private readonly debounceMs: number;
  private readonly refreshMs: number;
  private readonly now: () => number;

  constructor(
    private readonly run: (q: MessageQuery) => Promise<Result<QueryResult>>,
    private readonly onOutcome: (o: QueryOutcome | null) => void,
    opts: QueryRunnerOptions = {},
  ) {
    this.debounceMs = opts.debounceMs ?? 150;
    this.refreshMs = opts.refreshMs ?? 500;
    this.now = opts.now ?? (() => Date.now());
  }

  setQuery(q: MessageQuery | null): void {
    const same = JSON.stringify(q) === JSON.stringify(this.query);
    if (same) return;
    this.query = q;
    this.cancel();
    this.token++;
    if (!q) {
      this.onOutcome(null);
      return;
    }
    this.timer = setTimeout(() => this.execute(), this.debounceMs);
  }

  /** New messages arrived: refresh the active query, throttled. */
  notifyNewData(): void {
    if (!this.query || this.timer) return;
    const wait = Math.max(0, this.lastRun + this.refreshMs - this.now());
    this.timer = setTimeout(() => this.execute(), wait);
  }

  dispose(): void {
    this.cancel();
    this.token++;
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private execute(): void {
    this.timer = null;
    const q = this.query;
    if (!q) return;
    this.lastRun = this.now();
    const token = this.token;
    void this.run(q).then((r) => {
      if (token !== this.token) return;
      this.onOutcome(r.ok ? { query: q, result: r.value, error: null } : { query: q, result: null, error: r.error.message });
    });
  }
}
