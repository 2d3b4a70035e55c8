import { useEffect, useRef, useState } from 'react';
import type { MessageQuery } from '../../../shared/traffic';
import { useStoreInstance } from '../state/context';
import type { FilterForm } from './filters';
import { filtersToQuery, regexError } from './filters';
import type { QueryOutcome } from './query-runner';
import { QueryRunner } from './query-runner';

/** The core-side filter for the message table: null when no filter is active. */
export function useMessageQuery(
  filters: FilterForm,
  trafficVersion: number,
): { outcome: QueryOutcome | null; active: boolean; error: string | null } {
  const { api } = useStoreInstance();
  const [outcome, setOutcome] = useState<QueryOutcome | null>(null);
  const runner = useRef<QueryRunner | null>(null);
  const localError = regexError(filters);
  const query = localError ? null : filtersToQuery(filters);

  useEffect(() => {
    const r = new QueryRunner((q) => api.invoke('traffic.query', q), setOutcome);
    runner.current = r;
    return () => r.dispose();
  }, [api]);

  const key = JSON.stringify(query);
  useEffect(() => {
    // The serialized key changes only when the query's content does.
    runner.current?.setQuery(JSON.parse(key) as MessageQuery | null);
  }, [key]);

  useEffect(() => {
    runner.current?.notifyNewData();
  }, [trafficVersion]);

  return { outcome: query ? outcome : null, active: query !== null, error: localError ?? outcome?.error ?? null };
}
