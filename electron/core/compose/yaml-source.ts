// A compose file parsed with `yaml`, converted to plain data while remembering where
// every key and value sits, so any later problem can name file:line:col. YAML merge
// keys (`<<: *anchor`, or a list of anchors) are honoured; explicit keys win.
import { isAlias, isMap, isScalar, isSeq, LineCounter, Parser, parseDocument, type Document, type Node } from 'yaml';
import type { ComposeProblem } from './model';

export type PathSeg = string | number;
export interface Pos {
  line: number;
  column: number;
}

/** Dotted key path for messages: services.valkey.ports[0]. */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

const keyOf = (path: readonly PathSeg[]): string => path.map(String).join('\u0000');

export class YamlSource {
  readonly file: string;
  readonly data: unknown;
  private readonly keys = new Map<string, Pos>();
  private readonly values = new Map<string, Pos>();

  constructor(file: string, data: unknown, keys: Map<string, Pos>, values: Map<string, Pos>) {
    this.file = file;
    this.data = data;
    this.keys = keys;
    this.values = values;
  }

  has(path: readonly PathSeg[]): boolean {
    return this.values.has(keyOf(path)) || this.keys.has(keyOf(path));
  }
  /** Where the key of a map entry is (or the item, for list items). */
  keyPos(path: readonly PathSeg[]): Pos | null {
    return this.keys.get(keyOf(path)) ?? this.values.get(keyOf(path)) ?? null;
  }
  /** Where the value is. */
  valuePos(path: readonly PathSeg[]): Pos | null {
    return this.values.get(keyOf(path)) ?? this.keys.get(keyOf(path)) ?? null;
  }
  /** Nearest known position: the path itself or its closest ancestor. */
  nearest(path: readonly PathSeg[], key = false): Pos | null {
    for (let n = path.length; n >= 0; n--) {
      const p = key ? this.keyPos(path.slice(0, n)) : this.valuePos(path.slice(0, n));
      if (p) return p;
    }
    return null;
  }
}

export class YamlParseError extends Error {
  readonly problems: ComposeProblem[];
  constructor(problems: ComposeProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.problems = problems;
  }
}

/** Parses YAML text; throws YamlParseError listing every syntax problem. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): Pos => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length) {
    throw new YamlParseError(
      doc.errors.map((e) => {
        // An unclosed quote or bracket is noticed where the text runs out; the user needs the opener.
        const opener = e.code === 'MISSING_CHAR' || e.code === 'BAD_INDENT' ? unclosedOpenerBefore(text, e.pos[0]) : null;
        const p = at(opener ?? e.pos[0]);
        const message = e.message.split('\n')[0] as string;
        return { file, line: p.line, column: p.column, path: '', message: opener === null ? message : `${message} (opened here)` };
      }),
    );
  }
  const keys = new Map<string, Pos>();
  const values = new Map<string, Pos>();
  const problems: ComposeProblem[] = [];
  const convert = (node: unknown, path: PathSeg[], seen: Set<unknown>): unknown => {
    let n = node as Node | null | undefined;
    if (n == null) return null;
    if (isAlias(n)) {
      const target = n.resolve(doc as Document);
      if (!target || seen.has(target)) {
        const p = at(n.range?.[0] ?? 0);
        problems.push({ file, line: p.line, column: p.column, path: formatPath(path), message: `bad alias *${n.source}` });
        return null;
      }
      n = target as Node;
      seen = new Set(seen).add(target);
    }
    if (n.range && !values.has(keyOf(path))) values.set(keyOf(path), at(n.range[0]));
    if (isScalar(n)) return n.value ?? null;
    if (isSeq(n)) return n.items.map((item, i) => convert(item, [...path, i], seen));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      const explicit = new Set<string>();
      const merges: unknown[] = [];
      for (const pair of n.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (k === '<<' && isScalar(pair.key) && (pair.key as { source?: string }).source !== "'<<'") {
          merges.push(pair.value);
          continue;
        }
        const kp = [...path, k];
        const keyNode = pair.key as Node | null;
        if (keyNode?.range && !keys.has(keyOf(kp))) keys.set(keyOf(kp), at(keyNode.range[0]));
        explicit.add(k);
        defineKey(out, k, convert(pair.value, kp, seen));
      }
      for (const m of merges) {
        const sources = isSeq(m) ? m.items : [m];
        for (const src of sources) {
          const merged = convert(src, path, seen);
          if (merged === null && isAlias(src)) continue; // the bad alias is already reported
          if (!merged || typeof merged !== 'object' || Array.isArray(merged)) {
            const p = at((src as Node | null)?.range?.[0] ?? n.range?.[0] ?? 0);
            problems.push({
              file,
              line: p.line,
              column: p.column,
              path: formatPath(path),
              message: 'merge key << must refer to a mapping',
            });
            continue;
          }
          for (const [mk, mv] of Object.entries(merged)) if (!explicit.has(mk) && !Object.hasOwn(out, mk)) defineKey(out, mk, mv);
        }
      }
      return out;
    }
    return null;
  };
  const data = convert(doc.contents, [], new Set());
  if (problems.length) throw new YamlParseError(problems);
  return new YamlSource(file, data, keys, values);
}

/** Sets a key even when it is `__proto__`, without touching the prototype. */
function defineKey(obj: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const CLOSERS: Record<string, string> = { '"': '"', "'": "'", '[': ']', '{': '}' };

/** Offset of the last quote or flow bracket opened before `offset` and never closed, if any. */
function unclosedOpenerBefore(text: string, offset: number): number | null {
  let found: number | null = null;
  const walk = (tok: unknown): void => {
    if (!tok || typeof tok !== 'object') return;
    if (Array.isArray(tok)) return tok.forEach(walk);
    const t = tok as { type?: string; offset?: number; source?: string; start?: { source?: string }; end?: { source?: string }[] };
    if (typeof t.offset === 'number' && t.offset < offset) {
      if ((t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && typeof t.source === 'string') {
        const q = t.source[0] as string;
        if (t.source.length < 2 || !t.source.trimEnd().endsWith(CLOSERS[q] as string)) found = Math.max(found ?? -1, t.offset);
      } else if (t.type === 'flow-collection') {
        const open = t.start?.source ?? '';
        if (!(t.end ?? []).some((e) => e.source === CLOSERS[open])) found = Math.max(found ?? -1, t.offset);
      }
    }
    for (const v of Object.values(t)) if (v && typeof v === 'object') walk(v);
  };
  for (const tok of new Parser().parse(text)) walk(tok);
  return found;
}
