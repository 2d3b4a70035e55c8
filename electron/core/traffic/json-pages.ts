// A large JSON payload as a lazy tree: pages of one node's children, read from the text
// through an index of where each object and array starts and ends, never by parsing the
// whole document. Parsing 100,000 keys into objects and sending them all costs hundreds
// of milliseconds; the index costs one linear pass, and a page costs what it shows.
// The text is known to be valid JSON (it parsed when the message was decoded).
import type { JsonEntry, JsonKind, JsonPage } from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';

/** Where every object and array of a document starts and ends, and how many children it has. */
export interface JsonIndex {
  text: string;
  /** Containers in the order they open: starts ascend, so a position is found by bisection. */
  starts: Int32Array;
  ends: Int32Array;
  sizes: Int32Array;
  count: number;
  /** Levels of nesting (an object or array counts one). */
  depth: number;
  /**
   * For containers of more than a page of children: where every MARK_EVERY-th child
   * starts (marks[c][m] is the text position right after the comma before child
   * (m + 1) * MARK_EVERY), so a page deep into 100,000 keys costs one page, not a walk.
   */
  marks: Map<number, Int32Array>;
}

/** Children between two marks: a page, so any page starts at most a page's walk from one. */
const MARK_EVERY = LIMITS.jsonTreePage;

interface Span {
  start: number;
  end: number;
  kind: JsonKind;
  /** Containers: direct children. */
  size: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

const isOpen = (c: number): boolean => c === 0x7b || c === 0x5b;
const isClose = (c: number): boolean => c === 0x7d || c === 0x5d;

function skipWs(t: string, i: number): number {
  while (i < t.length && t.charCodeAt(i) <= 0x20) i++;
  return i;
}

/** Index of the closing quote of the string that opens at `i`. */
function closingQuote(t: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const c = t.charCodeAt(j);
    if (c === QUOTE) return j;
    if (c === BACKSLASH) j++;
    if (j >= t.length) throw new Error('unterminated string');
    j++;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** True when the container closing at `j` has nothing but whitespace inside. */
function closesEmpty(t: string, j: number): boolean {
  let k = j - 1;
  while (t.charCodeAt(k) <= 0x20) k--;
  return isOpen(t.charCodeAt(k));
}

/**
 * One pass over the text, strings skipped in place: the index, or null when the root is
 * not a container. Kept to a switch over typed arrays: it is the whole cost of opening.
 */
export function indexJson(text: string): JsonIndex | null {
  const t = text;
  const first = skipWs(t, 0);
  if (!isOpen(t.charCodeAt(first))) return null;
  let starts = new Int32Array(256);
  let ends = new Int32Array(256);
  let sizes = new Int32Array(256);
  let parents = new Int32Array(64);
  let sp = 0;
  let top = -1;
  let count = 0;
  let depth = 0;
  let markOwner = new Int32Array(64);
  let markPos = new Int32Array(64);
  let markCount = 0;
  const n = t.length;
  scan: for (let j = first; j < n; j++) {
    switch (t.charCodeAt(j)) {
      case QUOTE:
        j++;
        for (;;) {
          const d = t.charCodeAt(j);
          if (d === QUOTE) break;
          if (d === BACKSLASH) j++;
          if (++j >= n) throw new Error('unterminated string');
        }
        break;
      case 0x7b:
      case 0x5b:
        if (count === starts.length) {
          starts = grow(starts);
          ends = grow(ends);
          sizes = grow(sizes);
        }
        if (sp === parents.length) parents = grow(parents);
        starts[count] = j;
        parents[sp++] = top;
        top = count++;
        if (sp > depth) depth = sp;
        break;
      case 0x7d:
      case 0x5d:
        ends[top] = j + 1;
        sizes[top] = closesEmpty(t, j) ? 0 : (sizes[top] as number) + 1;
        top = parents[--sp] as number;
        if (sp === 0) break scan;
        break;
      case COMMA: {
        const next = (sizes[top] as number) + 1;
        sizes[top] = next;
        if (next % MARK_EVERY === 0) {
          if (markCount === markPos.length) {
            markOwner = grow(markOwner);
            markPos = grow(markPos);
          }
          markOwner[markCount] = top;
          markPos[markCount++] = j + 1;
        }
        break;
      }
    }
  }
  if (sp > 0) throw new Error('unterminated container');
  return { text: t, starts, ends, sizes, count, depth, marks: marksOf(markOwner, markPos, markCount) };
}

/** The flat (container, position) marks, in text order, grouped by container: each group is in child order. */
function marksOf(owner: Int32Array, pos: Int32Array, count: number): Map<number, Int32Array> {
  const lists = new Map<number, number[]>();
  for (let k = 0; k < count; k++) {
    const c = owner[k] as number;
    const list = lists.get(c);
    if (list) list.push(pos[k] as number);
    else lists.set(c, [pos[k] as number]);
  }
  return new Map([...lists].map(([c, list]) => [c, Int32Array.from(list)]));
}

/** The container opening at `pos` (bisection over the starts). */
function containerAt(ix: JsonIndex, pos: number): number {
  let lo = 0;
  let hi = ix.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ix.starts[mid] as number;
    if (s === pos) return mid;
    if (s < pos) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`no container at ${pos}`);
}

function valueAt(ix: JsonIndex, i: number): Span {
  const t = ix.text;
  const c = t.charCodeAt(i);
  if (c === QUOTE) return { start: i, end: closingQuote(t, i) + 1, kind: 'string', size: 0 };
  if (isOpen(c)) {
    const idx = containerAt(ix, i);
    return { start: i, end: ix.ends[idx] as number, kind: c === 0x7b ? 'object' : 'array', size: ix.sizes[idx] as number };
  }
  let j = i;
  while (j < t.length) {
    const d = t.charCodeAt(j);
    if (d === COMMA || isClose(d) || d <= 0x20) break;
    j++;
  }
  const kind: JsonKind = c === 0x74 || c === 0x66 ? 'boolean' : c === 0x6e ? 'null' : 'number';
  return { start: i, end: j, kind, size: 0 };
}

/** The nearest marked child at or before `from`, and where it starts (the container's start for child 0). */
function startNear(ix: JsonIndex, span: Span, from: number): { index: number; pos: number } {
  const m = Math.floor(from / MARK_EVERY) - 1;
  const marks = m >= 0 ? ix.marks.get(containerAt(ix, span.start)) : undefined;
  if (!marks || marks.length === 0) return { index: 0, pos: span.start + 1 };
  const k = Math.min(m, marks.length - 1);
  return { index: (k + 1) * MARK_EVERY, pos: marks[k] as number };
}

/**
 * Walks a container's children in order from the mark nearest child `from` (children
 * before `from` may or may not be visited); `visit` returns false to stop early.
 */
function eachChild(ix: JsonIndex, span: Span, visit: (key: string | null, value: Span, index: number) => boolean, from = 0): void {
  const t = ix.text;
  const isObject = span.kind === 'object';
  const near = startNear(ix, span, from);
  let j = skipWs(t, near.pos);
  for (let index = near.index; j < span.end - 1 && !isClose(t.charCodeAt(j)); index++) {
    let keyText: string | null = null;
    if (isObject) {
      const keyEnd = closingQuote(t, j) + 1;
      keyText = t.slice(j, keyEnd);
      j = skipWs(t, keyEnd);
      if (t.charCodeAt(j) !== COLON) throw new Error('expected a colon');
      j = skipWs(t, j + 1);
    }
    const value = valueAt(ix, j);
    if (!visit(keyText, value, index)) return;
    j = skipWs(t, value.end);
    if (t.charCodeAt(j) === COMMA) j = skipWs(t, j + 1);
  }
}

function entryOf(t: string, key: string, v: Span): JsonEntry {
  if (v.kind === 'object' || v.kind === 'array') return { key, kind: v.kind, size: v.size };
  const value = JSON.parse(t.slice(v.start, v.end)) as string | number | boolean | null;
  const max = LIMITS.jsonTreeStringChars;
  if (typeof value === 'string' && value.length > max) return { key, kind: 'string', value: value.slice(0, max), cut: value.length - max };
  return { key, kind: v.kind, value };
}

function pageOf(ix: JsonIndex, span: Span, offset: number, children?: Span[]): JsonPage {
  const entries: JsonEntry[] = [];
  const limit = LIMITS.jsonTreePage;
  eachChild(
    ix,
    span,
    (key, value, index) => {
      if (index < offset) return true;
      entries.push(entryOf(ix.text, key === null ? String(index) : (JSON.parse(key) as string), value));
      children?.push(value);
      return entries.length < limit;
    },
    offset,
  );
  return { kind: span.kind as 'object' | 'array', total: span.size, offset, entries };
}

function rootOf(ix: JsonIndex): Span {
  const start = ix.starts[0] as number;
  return { start, end: ix.ends[0] as number, kind: ix.text.charCodeAt(start) === 0x7b ? 'object' : 'array', size: ix.sizes[0] as number };
}

/**
 * The root's first page, with the first pages of the levels open by default nested in
 * it, within LIMITS.jsonTreeFirstEntries entries in all.
 */
export function firstPages(ix: JsonIndex): JsonPage {
  let budget = LIMITS.jsonTreeFirstEntries;
  const fill = (span: Span, depth: number): JsonPage => {
    const children: Span[] = [];
    const page = pageOf(ix, span, 0, children);
    budget -= page.entries.length;
    if (depth + 1 < LIMITS.jsonTreeOpenDepth) {
      page.entries.forEach((entry, i) => {
        const child = children[i] as Span;
        if (budget > 0 && child.size > 0) entry.page = fill(child, depth + 1);
      });
    }
    return page;
  };
  return fill(rootOf(ix), 0);
}

function childAt(ix: JsonIndex, span: Span, index: number): Span | null {
  if ((span.kind !== 'object' && span.kind !== 'array') || index >= span.size) return null;
  const found: Span[] = [];
  eachChild(
    ix,
    span,
    (_key, value, i) => {
      if (i === index) found.push(value);
      return i < index;
    },
    index,
  );
  return found[0] ?? null;
}

/** A page of the node at `path` (child indexes from the root), or null when there is none. */
export function pageAt(ix: JsonIndex, path: readonly number[], offset: number): JsonPage | null {
  let span: Span | null = rootOf(ix);
  for (const step of path) span = span ? childAt(ix, span, step) : null;
  if (!span || (span.kind !== 'object' && span.kind !== 'array')) return null;
  return pageOf(ix, span, offset);
}
