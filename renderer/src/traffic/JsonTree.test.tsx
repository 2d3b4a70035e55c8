// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonTree } from './JsonTree';

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
    fireEvent.click(screen.getByRole('button', { name: 'Expand author' }));
    expect(screen.getByText('"Alice"')).toBeTruthy();
    expect(screen.getByText('[2 items]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse data' }));
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
});
