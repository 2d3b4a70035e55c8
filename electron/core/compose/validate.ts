// Validation against the official compose-spec JSON schema (ajv), reporting the single
// most specific error per problem with file, line and key path. ajv reports every
// oneOf branch; we keep the branch that got furthest (its type matched) and fold
// pure type mismatches into one "must be a string or object".
import type { ErrorObject } from 'ajv';
import type { ComposeProblem } from './model';
import { composeValidator } from './schema-validator';
import { formatPath, type PathSeg, type YamlSource } from './yaml-source';

const pointerToPath = (ptr: string): PathSeg[] =>
  ptr === ''
    ? []
    : ptr
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

const isUnder = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(`${outer}/`);

/** Validates one file's interpolated data; returns its problems (empty when valid). */
export function validateSource(src: YamlSource, data: unknown): ComposeProblem[] {
  const validate = composeValidator();
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const combinators = new Set(['oneOf', 'anyOf', 'not']);
  // Keep combinator errors only where nothing more specific was said at or below.
  let kept = errors.filter(
    (e) => !combinators.has(e.keyword) || !errors.some((o) => !combinators.has(o.keyword) && isUnder(o.instancePath, e.instancePath)),
  );
  // A type error where another branch matched the type and failed deeper is noise.
  kept = kept.filter(
    (e) =>
      e.keyword !== 'type' ||
      !kept.some(
        (o) =>
          !combinators.has(o.keyword) &&
          isUnder(o.instancePath, e.instancePath) &&
          (o.keyword !== 'type' || o.instancePath !== e.instancePath),
      ),
  );
  const problems = new Map<string, ComposeProblem>();
  const typesAt = new Map<string, Set<string>>();
  for (const e of kept) {
    if (e.keyword === 'type') {
      const set = typesAt.get(e.instancePath) ?? new Set<string>();
      for (const t of ([] as string[]).concat(e.params.type as string | string[])) set.add(t);
      typesAt.set(e.instancePath, set);
      continue;
    }
    const p = toProblem(src, e);
    problems.set(`${p.line}:${p.column}:${p.path}:${p.message}`, p);
  }
  for (const [ptr, types] of typesAt) {
    const path = pointerToPath(ptr);
    const pos = src.nearest(path);
    const list = [...types];
    const words = list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list.at(-1)}` : (list[0] ?? 'valid');
    const p: ComposeProblem = {
      file: src.file,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      path: formatPath(path),
      message: `must be ${article(words)}${words}`,
    };
    problems.set(`${p.line}:${p.column}:${p.path}:${p.message}`, p);
  }
  return [...problems.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

const article = (w: string): string => (w === 'null' ? '' : /^[aeiou]/.test(w) ? 'an ' : 'a ');

function toProblem(src: YamlSource, e: ErrorObject): ComposeProblem {
  const path = pointerToPath(e.instancePath);
  const mk = (pos: { line: number; column: number } | null, message: string, p = path): ComposeProblem => ({
    file: src.file,
    line: pos?.line ?? null,
    column: pos?.column ?? null,
    path: formatPath(p),
    message,
  });
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(e.params.additionalProperty);
      return mk(src.keyPos([...path, prop]) ?? src.nearest(path, true), `additional property '${prop}' is not allowed`);
    }
    case 'required':
      return mk(src.nearest(path, true), `missing required property '${String(e.params.missingProperty)}'`);
    case 'enum':
      return mk(src.nearest(path), `must be one of: ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`);
    case 'uniqueItems':
      return mk(
        src.nearest(path),
        `must not contain duplicate items (items ${String(e.params.j)} and ${String(e.params.i)} are identical)`,
      );
    case 'oneOf':
    case 'anyOf':
      return mk(src.nearest(path), 'does not match any allowed form');
    default:
      return mk(src.nearest(path), e.message ?? `is invalid (${e.keyword})`);
  }
}
