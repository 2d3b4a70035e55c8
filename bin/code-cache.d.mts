export type CacheStatus = 'accepted' | 'rejected' | 'absent' | 'off';
export function codeCacheDir(env?: NodeJS.ProcessEnv): string;
export function cacheFileName(id: string, command: string): string;
export function loadBundle(
  file: string,
  command: string | null | undefined,
  env?: NodeJS.ProcessEnv,
): { exports: Record<string, unknown>; status: CacheStatus; save(): 'written' | 'skipped' | 'failed' };
