// A command's value in a test, or a failure that shows the error: no result casts.
import type { Result } from '../../../shared/result';

export function okValue<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
