// .env files as compose (compose-go's dotenv) reads them: `export`, `KEY=value` or
// `KEY: value`, quotes, escapes in double quotes, inline comments, multi-line quoted
// values, bare `KEY` inherited from the environment, and ${X} expansion looking at
// the OS environment first, then keys parsed earlier.
import { substitute, TemplateError, type Lookup } from './interpolate';

export class DotenvError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'DotenvError';
    this.line = line;
  }
}

export interface DotenvOptions {
  /** The OS environment, consulted before keys already parsed. */
  lookup?: Lookup;
  /** compose-go's Read/ReadWithLookup drop keys starting with a digit. */
  dropDigitKeys?: boolean;
  /** Values parsed from earlier files (consulted after `lookup`). */
  inherited?: Record<string, string>;
}

const isSpace = (c: string): boolean =>
  c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' || c === '\u00a0';
const EXPORT = /^export[ \t\v\f\r]+/;
const KEY_CHAR = /^[\p{L}\p{N}_.\-[\]]$/u;
const ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

/** Parses .env text into a map; throws DotenvError naming the line. */
export function parseDotenv(src: string, opts: DotenvOptions = {}): Record<string, string> {
  const text = src.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const out: Record<string, string> = {};
  const lineAt = (pos: number): number => text.slice(0, pos).split('\n').length;
  const lookup: Lookup = (k) => opts.lookup?.(k) ?? (Object.hasOwn(out, k) ? out[k] : opts.inherited?.[k]);
  const expand = (value: string, pos: number): string => {
    try {
      return substitute(value, lookup);
    } catch (e) {
      if (e instanceof TemplateError) throw new DotenvError(lineAt(pos), e.message);
      throw e;
    }
  };
  let pos = 0;
  for (;;) {
    while (pos < text.length && (isSpace(text[pos] as string) || text[pos] === '\n')) pos++;
    if (pos >= text.length) break;
    if (text[pos] === '#') {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      pos = nl;
      continue;
    }
    const stmt = pos;
    const exp = EXPORT.exec(text.slice(pos));
    if (exp) pos += exp[0].length;
    // Locate the key's end and validate its characters in one pass.
    let keyEnd = -1;
    let sep = '';
    for (const ch of text.slice(pos)) {
      if (isSpace(ch)) {
        pos += ch.length;
        continue;
      }
      if (ch === '=' || ch === ':' || ch === '\n') {
        sep = ch;
        keyEnd = pos;
        break;
      }
      if (!KEY_CHAR.test(ch)) {
        const firstLine = text.slice(exp ? stmt + exp[0].length : stmt).split('\n')[0];
        throw new DotenvError(lineAt(stmt), `unexpected character ${JSON.stringify(ch)} in variable name ${JSON.stringify(firstLine)}`);
      }
      pos += ch.length;
    }
    const keyStart = exp ? stmt + exp[0].length : stmt;
    const inherited = sep === '\n' || keyEnd < 0;
    if (keyEnd < 0) keyEnd = text.length;
    const key = text.slice(keyStart, keyEnd).trimEnd();
    if (key.includes(' ')) throw new DotenvError(lineAt(stmt), 'key cannot contain a space');
    pos = keyEnd + 1;
    if (inherited) {
      const v = opts.lookup?.(key);
      if (v !== undefined) out[key] = v;
      continue;
    }
    while (pos < text.length && isSpace(text[pos] as string)) pos++;
    const [value, next] = readValue(text, pos, lineAt, expand);
    out[key] = value;
    pos = next;
  }
  if (opts.dropDigitKeys) for (const k of Object.keys(out)) if (/^\d/.test(k)) delete out[k];
  return out;
}

function readValue(text: string, pos: number, lineAt: (p: number) => number, expand: (v: string, p: number) => string): [string, number] {
  const quote = text[pos];
  if (quote !== '"' && quote !== "'") {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let value = text.slice(pos, end);
    const hash = value.indexOf(' #');
    if (hash >= 0) value = value.slice(0, hash);
    return [expand(value.trimEnd(), pos), end];
  }
  let escaped = false;
  for (let i = pos + 1; i < text.length; i++) {
    const c = text[i];
    if (c !== quote || escaped) {
      escaped = !escaped && c === '\\';
      continue;
    }
    const raw = text.slice(pos + 1, i);
    const value = quote === '"' ? expand(expandEscapes(raw), pos) : raw.replace(/\\'/g, "'");
    return [value, i + 1];
  }
  const line = text.slice(pos).split('\n')[0];
  throw new DotenvError(lineAt(pos), `unterminated quoted value ${line}`);
}

/** Shell escapes inside double quotes; `\$` becomes `$$` so it is never expanded. */
export function expandEscapes(s: string): string {
  return s.replace(ESCAPE, (m) => {
    if (m === '\\$') return '$$';
    if (m.startsWith('\\0')) {
      const digits = m.slice(2);
      if (digits.length === 3 && /^[0-7]{3}$/.test(digits) && parseInt(digits, 8) < 256) return String.fromCharCode(parseInt(digits, 8));
      return m;
    }
    return SIMPLE_ESCAPES[m.slice(1)] ?? m;
  });
}

/** Expands a value against already-parsed vars and an (optional) OS lookup. */
export function expandValue(value: string, vars: Record<string, string>, lookup?: Lookup): string {
  return substitute(value, (k) => lookup?.(k) ?? (Object.hasOwn(vars, k) ? vars[k] : undefined));
}

/** Several files in order into one map (later files win); each sees the earlier ones. */
export function parseDotenvFiles(texts: string[], lookup?: Lookup): Record<string, string> {
  let acc: Record<string, string> = {};
  for (const t of texts) acc = { ...acc, ...parseDotenv(t, { lookup, inherited: acc }) };
  return acc;
}
