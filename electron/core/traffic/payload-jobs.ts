// CPU work on one large payload: testing a search's regex against its text, and indexing
// its JSON for the lazy tree. Both are linear but cost tens of milliseconds a megabyte,
// so the core runs them in the payload worker (payload-offload.ts) instead of its event
// loop. Pure functions: the worker calls them, and so does the fallback when it is down.
import type { RE2JS } from 're2js';
import { indexJson, type JsonIndex } from './json-pages';
import { compileSearchRegex } from './text-regex';

export type PayloadJob =
  /** True when the payload's text (latin1 for binary payloads, else UTF-8) matches `pattern`. */
  { op: 'regex'; pattern: string; bytes: Uint8Array; latin1: boolean } | { op: 'index'; bytes: Uint8Array };

export type PayloadJobResult<J extends PayloadJob> = J extends { op: 'regex' } ? boolean : JsonIndex | null;

let compiled: { pattern: string; re: RE2JS } | null = null;

/** One compile per pattern in a row: a query tests many payloads with the same one. */
function regexOf(pattern: string): RE2JS {
  if (compiled?.pattern !== pattern) compiled = { pattern, re: compileSearchRegex(pattern) };
  return compiled.re;
}

const textOf = (bytes: Uint8Array, encoding: 'latin1' | 'utf8'): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);

export function runPayloadJob<J extends PayloadJob>(job: J): PayloadJobResult<J> {
  if (job.op === 'regex') return regexOf(job.pattern).test(textOf(job.bytes, job.latin1 ? 'latin1' : 'utf8')) as PayloadJobResult<J>;
  return indexJson(textOf(job.bytes, 'utf8')) as PayloadJobResult<J>;
}

/** What a result's typed arrays hold, to move them back without a copy. */
export function transferablesOf(result: unknown): ArrayBuffer[] {
  if (result === null || typeof result !== 'object') return [];
  const ix = result as Partial<JsonIndex>;
  return [ix.starts, ix.ends, ix.sizes].flatMap((a) => (a && a.buffer instanceof ArrayBuffer ? [a.buffer] : []));
}
