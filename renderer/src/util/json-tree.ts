// Pure helpers for the collapsible JSON view.

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function jsonKind(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

/** Children rendered at first, and added per "show more": a 100,000-key payload opens at once. */
export const CHILDREN_PAGE = 200;

/** How many children a node has (without building them). */
export function childCount(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') return Object.keys(v).length;
  return 0;
}

/** The first `limit` children only, so a huge node costs what is shown. */
export function entriesOf(v: unknown, limit = Infinity): [string, unknown][] {
  if (Array.isArray(v)) return v.slice(0, limit).map((x, i) => [String(i), x]);
  if (!v || typeof v !== 'object') return [];
  const out: [string, unknown][] = [];
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    if (out.length >= limit) break;
    out.push([k, (v as Record<string, unknown>)[k]]);
  }
  return out;
}

/** One-line summary shown for a collapsed node. */
export function summary(v: unknown): string {
  const k = jsonKind(v);
  if (k === 'array') return `[${(v as unknown[]).length} items]`;
  if (k === 'object') return `{${Object.keys(v as object).length} keys}`;
  return scalarText(v);
}

export function scalarText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** Top levels open by default, deeper ones collapsed to keep big payloads readable. */
export function openByDefault(depth: number): boolean {
  return depth < 2;
}
