// Things a client opens and the core keeps for it (terminals, import uploads) are
// bounded twice: over every client, and per client, so one window or connection that
// opens too many is refused on its own and leaves the rest for everyone else.
import { AppError } from './result';

export interface Quota {
  /** Held at once over every client. */
  total: number;
  /** Held at once by one client. */
  perClient: number;
}

/** Throws TOO_MANY_REQUESTS when `owner` may not take one more; `what` names the thing ("terminals"). */
export function checkQuota(held: Iterable<{ owner: string }>, owner: string, quota: Quota, what: string): void {
  let all = 0;
  let mine = 0;
  for (const h of held) {
    all++;
    if (h.owner === owner) mine++;
  }
  if (mine >= quota.perClient)
    throw new AppError('TOO_MANY_REQUESTS', `this client already has ${mine} ${what} open (at most ${quota.perClient}); close one first`);
  if (all >= quota.total)
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `${all} ${what} are open (at most ${quota.total} over every client); try again when one has closed`,
    );
}
