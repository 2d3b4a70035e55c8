import { describe, expect, it } from 'vitest';
import type { JsonPage } from '../../../shared/traffic';
import { pageOfValue } from '../../../shared/json-tree';
import { LIMITS } from '../../../shared/rules';
import { firstPages as firstOf, indexJson, pageAt as pageOfIndex } from './json-pages';

const pageAt = (text: string, path: number[], offset: number) => pageOfIndex(indexJson(text)!, path, offset);
const firstPages = (text: string) => {
  const ix = indexJson(text);
  return ix && { page: firstOf(ix), depth: ix.depth };
};
const nestingOf = (text: string) => indexJson(text)?.depth ?? 0;

/** What a page must hold, from the parsed value: the oracle the scanner is held to. */
const expectedPage = (value: unknown, offset: number): JsonPage => pageOfValue(value, offset) as JsonPage;

/** Every container's path in the value, as child indexes. */
function containerPaths(value: unknown, path: number[] = []): { path: number[]; value: unknown }[] {
  if (value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value) ? value : Object.values(value);
  return [{ path, value }, ...children.flatMap((c, i) => containerPaths(c, [...path, i]))];
}

const withoutNested = (p: JsonPage): JsonPage => ({ ...p, entries: p.entries.map(({ page: _page, ...e }) => e) });

const tricky = {
  'quote "inside" key': 'a \\" b',
  'back\\slash': '\\\\',
  unicode: 'é ✓ 😀 \u0000 \n',
  empty: {},
  emptyList: [],
  spaced: [1, 2.5e-3, -0, true, false, null],
  nested: { deep: [[[{ x: [] }]]], '': 'empty key' },
  brackets: '[{ not a container }]',
};

describe('lazy JSON pages', () => {
  it('agrees with JSON.parse on every node of a tricky document, compact and pretty-printed', () => {
    for (const text of [
      JSON.stringify(tricky),
      JSON.stringify(tricky, null, 3),
      ` \n${JSON.stringify([tricky, [tricky]], null, '\t')}\n `,
    ]) {
      const parsed = JSON.parse(text) as unknown;
      for (const { path, value } of containerPaths(parsed)) expect(pageAt(text, path, 0)).toEqual(expectedPage(value, 0));
    }
  });

  it('pages through 100,000 keys without parsing them, and says where a path leads nowhere', () => {
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, { v: i }]));
    const text = JSON.stringify({ topics: ['global'], event: { type: 'agent_post', data: { extra: keys } } });
    const parsed = JSON.parse(text) as { event: { data: { extra: unknown } } };
    expect(pageAt(text, [1, 1, 0], 0)).toEqual(expectedPage(parsed.event.data.extra, 0));
    expect(pageAt(text, [1, 1, 0], 99_900)).toEqual(expectedPage(parsed.event.data.extra, 99_900));
    expect(pageAt(text, [1, 1, 0], 99_900)?.entries).toHaveLength(100);
    expect(pageAt(text, [1, 1, 0, 5], 0)).toEqual({
      kind: 'object',
      total: 1,
      offset: 0,
      entries: [{ key: 'v', kind: 'number', value: 5 }],
    });
    expect(pageAt(text, [1, 1, 0, 100_000], 0)).toBeNull();
    expect(pageAt(text, [0, 0], 0)).toBeNull(); // a string, not a container
    expect(pageAt(text, [7], 0)).toBeNull();
  });

  it('jumps to a page deep in a wide container from its marks, with the same answer as a walk from the start', () => {
    const page = LIMITS.jsonTreePage;
    // Odd offsets around the marks, an array and an object, pretty-printed and nested values.
    const wide = { list: Array.from({ length: 5 * page + 17 }, (_, i) => (i % 3 ? i : { at: i, inner: [i, `s${i}`] })) };
    const keyed = Object.fromEntries(Array.from({ length: 3 * page + 1 }, (_, i) => [`k${i}`, i % 2 ? 'v' : [i]]));
    for (const text of [JSON.stringify({ wide, keyed }), JSON.stringify({ wide, keyed }, null, 2)]) {
      const ix = indexJson(text)!;
      const walked = { ...ix, marks: new Map<number, Int32Array>() };
      expect(ix.marks.size).toBe(2);
      for (const [path, total] of [
        [[0, 0], 5 * page + 17],
        [[1], 3 * page + 1],
      ] as const) {
        for (const offset of [0, 1, page - 1, page, page + 1, 2 * page + 5, total - 1, total])
          expect(pageOfIndex(ix, path, offset), `${path} @${offset}`).toEqual(pageOfIndex(walked, path, offset));
        for (const child of [page, 2 * page + 1, total - 1])
          expect(pageOfIndex(ix, [...path, child], 0)).toEqual(pageOfIndex(walked, [...path, child], 0));
      }
    }
  });

  it('opens the root and its children in one answer, within the entry budget', () => {
    const text = JSON.stringify({ a: { x: 1, y: [1, 2] }, b: [{ z: 1 }], c: 'scalar', d: {} });
    const first = firstPages(text)!;
    expect(first.depth).toBe(3);
    expect(withoutNested(first.page)).toEqual(expectedPage(JSON.parse(text), 0));
    expect(first.page.entries[0]?.page).toEqual(expectedPage({ x: 1, y: [1, 2] }, 0));
    expect(first.page.entries[1]?.page).toEqual(expectedPage([{ z: 1 }], 0));
    // Level two stays closed (fetched when opened), and an empty container needs no page.
    expect(first.page.entries[0]?.page?.entries[1]?.page).toBeUndefined();
    expect(first.page.entries[3]?.page).toBeUndefined();

    const wide = JSON.stringify(Array.from({ length: 500 }, () => Array.from({ length: 500 }, (_, i) => i)));
    const pages = firstPages(wide)!.page;
    const sent = pages.entries.length + pages.entries.reduce((n, e) => n + (e.page?.entries.length ?? 0), 0);
    expect(sent).toBeLessThanOrEqual(LIMITS.jsonTreeFirstEntries + LIMITS.jsonTreePage);
    expect(pages.entries.at(-1)?.page).toBeUndefined();
  });

  it('cuts a long string in a page and says by how much', () => {
    const long = 'é'.repeat(LIMITS.jsonTreeStringChars + 25);
    const page = pageAt(JSON.stringify({ long }), [], 0)!;
    expect(page.entries[0]).toEqual({ key: 'long', kind: 'string', value: long.slice(0, LIMITS.jsonTreeStringChars), cut: 25 });
  });

  it('measures nesting in one linear pass, and a scalar document has no tree', () => {
    expect(nestingOf('[[[]]]')).toBe(3);
    expect(nestingOf('{"a":"[[[[[[[["}')).toBe(1);
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(nestingOf(deep)).toBe(10_000);
    expect(indexJson('"just a string"')).toBeNull();
    expect(firstPages('42')).toBeNull();
  });
});
