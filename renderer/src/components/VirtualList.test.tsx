// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualList } from './VirtualList';

afterEach(cleanup);

describe('VirtualList', () => {
  it('renders a bounded window of 100,000 rows', () => {
    const { container, getByTestId } = render(
      <div style={{ height: 600 }}>
        <VirtualList
          count={100_000}
          rowHeight={30}
          initialRect={{ width: 800, height: 600 }}
          label="Rows"
          testId="rows"
          renderRow={(i) => <span data-testid="row">row {i}</span>}
        />
      </div>,
    );
    const rows = container.querySelectorAll('[data-testid="row"]');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    // The full height is reserved so the scrollbar reflects all rows.
    const inner = getByTestId('rows').firstElementChild as HTMLElement;
    expect(inner.style.height).toBe(`${100_000 * 30}px`);
  });

  it('stays bounded as rows are appended', () => {
    const view = (count: number) => (
      <VirtualList
        count={count}
        rowHeight={20}
        initialRect={{ width: 800, height: 400 }}
        label="Rows"
        renderRow={(i) => <span data-testid="row">{i}</span>}
      />
    );
    const { container, rerender } = render(view(10));
    expect(container.querySelectorAll('[data-testid="row"]')).toHaveLength(10);
    rerender(view(50_000));
    expect(container.querySelectorAll('[data-testid="row"]').length).toBeLessThan(100);
  });

  it('keeps the elements of rows of one height when the items under them change', () => {
    // A full buffer under a flood: the same indices, each now showing a newer item.
    const view = (first: number) => (
      <VirtualList
        count={1000}
        rowHeight={20}
        initialRect={{ width: 800, height: 400 }}
        label="Rows"
        renderRow={(i) => <span data-testid="row">item {first + i}</span>}
        getKey={(i) => first + i}
      />
    );
    const { container, rerender } = render(view(0));
    const before = [...container.querySelectorAll('[data-testid="row"]')];
    rerender(view(600));
    const after = [...container.querySelectorAll('[data-testid="row"]')];
    expect(after).toHaveLength(before.length);
    expect(after.every((el, i) => el === before[i])).toBe(true);
    expect(after[0]!.textContent).toBe(`item ${600 + Number((after[0]!.closest('.vlist-row') as HTMLElement).dataset.index)}`);
  });
});
