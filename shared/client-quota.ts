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

/**
 * Throws TOO_MANY_REQUESTS when `owner` may not take one more. `what` names what is
 * held, as in "2 terminals open" or "2 imports uploading".
 */
export function checkQuota(held: Iterable<{ owner: string }>, owner: string, quota: Quota, what: string): void {
  let all = 0;
  let mine = 0;
  for (const h of held) {
    all++;
    if (h.owner === owner) mine++;
  }
  if (mine >= quota.perClient)
    throw new AppError('TOO_MANY_REQUESTS', `this client already has ${mine} ${what}, its most at once; close or finish one first`);
  if (all >= quota.total)
    throw new AppError('TOO_MANY_REQUESTS', `${all} ${what} over every client, the most at once; try again when one has ended`);
}
