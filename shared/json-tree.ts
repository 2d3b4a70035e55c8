// A parsed JSON value as pages of a tree: the same shape the core sends for a payload
// too large to send whole, so the dashboard draws both with one component. Pure.
import type { JsonEntry, JsonKind, JsonPage } from './traffic';
import { LIMITS } from './rules';

export function jsonKind(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

const childrenOf = (v: unknown): [string, unknown][] =>
  Array.isArray(v) ? v.map((x, i): [string, unknown] => [String(i), x]) : v !== null && typeof v === 'object' ? Object.entries(v) : [];

function entryOf(key: string, v: unknown): JsonEntry {
  const kind = jsonKind(v);
  if (kind === 'array') return { key, kind, size: (v as unknown[]).length };
  if (kind === 'object') return { key, kind, size: Object.keys(v as object).length };
  const value = v === undefined ? null : (v as string | number | boolean | null);
  const max = LIMITS.jsonTreeStringChars;
  if (typeof value === 'string' && value.length > max) return { key, kind, value: value.slice(0, max), cut: value.length - max };
  return { key, kind, value };
}

/** Children `offset` to `offset + LIMITS.jsonTreePage` of a container, or null for a scalar. */
export function pageOfValue(value: unknown, offset: number): JsonPage | null {
  const kind = jsonKind(value);
  if (kind !== 'object' && kind !== 'array') return null;
  const all = childrenOf(value);
  const entries = all.slice(offset, offset + LIMITS.jsonTreePage).map(([k, v]) => entryOf(k, v));
  return { kind, total: all.length, offset, entries };
}

/** The value at a path of child indexes, or undefined when the path leads nowhere. */
export function valueAtPath(value: unknown, path: readonly number[]): unknown {
  let v = value;
  for (const i of path) {
    const child = childrenOf(v)[i];
    if (!child) return undefined;
    v = child[1];
  }
  return v;
}

/** Levels open when a detail opens (the root and its children); deeper ones start collapsed. */
export const openByDefault = (depth: number): boolean => depth < LIMITS.jsonTreeOpenDepth;

/** One-line summary of a collapsed container, or a scalar as JSON text. */
export function entrySummary(e: Pick<JsonEntry, 'kind' | 'size' | 'value'>): string {
  if (e.kind === 'array') return `[${e.size ?? 0} items]`;
  if (e.kind === 'object') return `{${e.size ?? 0} keys}`;
  return scalarText(e.value);
}

export function scalarText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}
