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

export function entriesOf(v: unknown): [string, unknown][] {
  if (Array.isArray(v)) return v.map((x, i) => [String(i), x]);
  if (v && typeof v === 'object') return Object.entries(v as Record<string, unknown>);
  return [];
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
