// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonPage } from '../../../shared/traffic';
import { pageOfValue, valueAtPath } from '../../../shared/json-tree';
import { JsonTree, type TreeSource } from './JsonTree';

afterEach(cleanup);

const payload = { type: 'post', data: { author: { name: 'Alice', tags: ['a', 'b'] }, n: 3, ok: true, none: null } };

describe('JsonTree', () => {
  it('shows top levels open and deeper levels collapsed with a summary', () => {
    render(<JsonTree value={payload} />);
    expect(screen.getByText('"post"')).toBeTruthy();
    expect(screen.getByText('3')).toBeTruthy();
    // depth 2 (author) is collapsed: its summary shows, its content does not.
    expect(screen.getByText('{2 keys}')).toBeTruthy();
    expect(screen.queryByText('"Alice"')).toBeNull();
  });

  it('expands and collapses a node with its toggle button', () => {
    render(<JsonTree value={payload} />);
    fireEvent.click(screen.getByRole('button', { name: /^Expand author: / }));
    expect(screen.getByText('"Alice"')).toBeTruthy();
    expect(screen.getByText('[2 items]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Collapse data: / }));
    expect(screen.queryByText('"Alice"')).toBeNull();
    expect(screen.getByText('{4 keys}')).toBeTruthy();
  });

  it('renders a 100,000-key node a page at a time', () => {
    const huge = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const { container } = render(<JsonTree value={{ data: huge }} />);
    expect(container.querySelectorAll('.json-row')).toHaveLength(200);
    const more = screen.getByTestId('json-more');
    expect(more.textContent).toBe('Show 200 more (200 of 100,000 shown)');
    fireEvent.click(more);
    expect(container.querySelectorAll('.json-row')).toHaveLength(400);
    expect(screen.getByText('k399:')).toBeTruthy();
  });

  it('over the core: opens with the pages it was sent, fetches the rest on demand, and shows a failed fetch', async () => {
    const huge = { event: { data: { extra: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])) } } };
    const asked: [number[], number][] = [];
    let fail = false;
    const source: TreeSource = {
      page: async (path, offset) => {
        asked.push([path, offset]);
        if (fail) throw new Error('Message #7 is no longer in the buffer (evicted or cleared)');
        return pageOfValue(valueAtPath(huge, path), offset) as JsonPage;
      },
    };
    const root = pageOfValue(huge, 0)!;
    root.entries[0]!.page = pageOfValue(huge.event, 0)!;
    const { container } = render(<JsonTree root={root} source={source} />);
    // Root and event came with the answer; data (depth 2) waits, closed, until asked for.
    expect(screen.getByText('{1 keys}')).toBeTruthy();
    expect(asked).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: /^Expand data: / }));
    fireEvent.click(await screen.findByRole('button', { name: /^Expand extra: / }));
    expect((await screen.findByTestId('json-more')).textContent).toBe('Show 200 more (200 of 100,000 shown)');
    expect(container.querySelectorAll('.json-row')).toHaveLength(200);
    fireEvent.click(screen.getByTestId('json-more'));
    expect(await screen.findByText('k399:')).toBeTruthy();
    expect(asked).toEqual([
      [[0, 0], 0],
      [[0, 0, 0], 0],
      [[0, 0, 0], 200],
    ]);
    fail = true;
    fireEvent.click(screen.getByTestId('json-more'));
    expect((await screen.findByRole('alert')).textContent).toContain('no longer in the buffer');
  });

  it('shows how much of a cut string is left out', () => {
    render(
      <JsonTree
        root={{ kind: 'object', total: 1, offset: 0, entries: [{ key: 's', kind: 'string', value: 'abc', cut: 12_345 }] }}
        source={{ page: () => null }}
      />,
    );
    expect(screen.getByText(/12,345 more characters/)).toBeTruthy();
  });
});
