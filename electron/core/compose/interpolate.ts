// Compose-spec variable interpolation ($VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e},
// ${VAR?e}, ${VAR:+a}, ${VAR+a}, $$), behaving like compose-go's template package:
// defaults and messages are themselves templates, expanded only when used.

/** Returns the variable's value, or undefined when it is unset. */
export type Lookup = (name: string) => string | undefined;

export class TemplateError extends Error {
  /** 'invalid' for a malformed template, 'required' for a missing ${VAR:?msg}. */
  readonly kind: 'invalid' | 'required';
  readonly variable: string | null;
  constructor(kind: 'invalid' | 'required', message: string, variable: string | null = null) {
    super(message);
    this.name = 'TemplateError';
    this.kind = kind;
    this.variable = variable;
  }
}

export interface SubstituteOptions {
  /** Called once per use of a variable that is unset and has no default. */
  onUnset?: (name: string) => void;
}

const NAME = /^[_a-z][_a-z0-9]*/i;
const BRACED = /^([_a-z][_a-z0-9]*)(?:(:?[-+?])([\s\S]*))?$/i;

class InvalidTemplate extends Error {}

/** Substitutes every variable in `template`; throws TemplateError. */
export function substitute(template: string, lookup: Lookup, opts: SubstituteOptions = {}): string {
  try {
    return run(template, lookup, opts);
  } catch (e) {
    if (e instanceof InvalidTemplate) throw new TemplateError('invalid', `Invalid template: ${JSON.stringify(template)}`);
    throw e;
  }
}

function run(s: string, lookup: Lookup, opts: SubstituteOptions): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(s, i + 1);
      if (end < 0) throw new InvalidTemplate();
      out += braced(s.slice(i + 2, end), lookup, opts);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(s.slice(i + 1));
    if (m) {
      out += plain(m[0], lookup, opts);
      i += 1 + m[0].length;
      continue;
    }
    // A lone `$` (end of string, before a space, `}`...) is kept literally.
    out += '$';
    i++;
  }
  return out;
}

/** Index of the `}` closing the `{` at `open`, counting every nested brace. */
function closingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function plain(name: string, lookup: Lookup, opts: SubstituteOptions): string {
  const v = lookup(name);
  if (v === undefined) {
    opts.onUnset?.(name);
    return '';
  }
  return v;
}

function braced(inner: string, lookup: Lookup, opts: SubstituteOptions): string {
  const m = BRACED.exec(inner);
  if (!m) throw new InvalidTemplate();
  const name = m[1] as string;
  const op = m[2];
  const arg = m[3] ?? '';
  if (!op) return plain(name, lookup, opts);
  const v = lookup(name);
  const emptyCounts = op.startsWith(':');
  const missing = v === undefined || (emptyCounts && v === '');
  switch (op.slice(-1)) {
    case '-':
      return missing ? run(arg, lookup, opts) : (v as string);
    case '+':
      return missing ? '' : run(arg, lookup, opts);
    default: {
      if (!missing) return v as string;
      const msg = run(arg, lookup, opts);
      throw new TemplateError('required', `required variable ${name} is missing a value${msg ? `: ${msg}` : ''}`, name);
    }
  }
}

/** A position in the tree: map keys and list indexes. */
export type TreePath = (string | number)[];

export class InterpolationError extends Error {
  readonly path: TreePath;
  readonly reason: TemplateError;
  /** compose-go's struct-level wording, naming the path. */
  readonly fullMessage: string;
  constructor(path: TreePath, template: string, cause: TemplateError) {
    const where = path.map((p) => (typeof p === 'number' ? '[]' : p)).join('.');
    const full =
      cause.kind === 'invalid'
        ? `invalid interpolation format for ${where}.\nYou may need to escape any $ with another $.\n${template}`
        : `error while interpolating ${where}: ${cause.message}`;
    super(cause.message);
    this.name = 'InterpolationError';
    this.path = path;
    this.reason = cause;
    this.fullMessage = full;
  }
}

export interface TreeOptions {
  /** Called for each unset variable used without a default, with the value's path. */
  onUnset?: (name: string, path: TreePath) => void;
  /** Collects errors instead of throwing at the first one. */
  onError?: (err: InterpolationError) => void;
}

/** Interpolates every string value (never a key) of a parsed YAML tree. */
export function interpolateTree(value: unknown, lookup: Lookup, opts: TreeOptions = {}, path: TreePath = []): unknown {
  if (typeof value === 'string') {
    try {
      return substitute(value, lookup, { onUnset: (n) => opts.onUnset?.(n, path) });
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      const err = new InterpolationError(path, value, e);
      if (!opts.onError) throw err;
      opts.onError(err);
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateTree(v, lookup, opts, [...path, i]));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateTree(v, lookup, opts, [...path, k]);
    return out;
  }
  return value;
}
