// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LogRow } from './LogRow';

afterEach(cleanup);

describe('LogRow', () => {
  it('renders ANSI colours and marks search matches', () => {
    const { container } = render(
      <LogRow
        line={{
          seq: 1,
          service: 'valkey',
          stream: 'stdout',
          ts: '2026-01-01T10:00:00.000Z',
          text: '\u001b[31mReady\u001b[0m to accept connections',
        }}
        showTs
        showService
        query="ready"
      />,
    );
    const marks = container.querySelectorAll('mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe('Ready');
    expect((marks[0] as HTMLElement).style.color).toBe('var(--ansi-red)');
    expect(container.textContent).toContain('valkey');
    expect(container.textContent).toContain('2026-01-01 10:00:00.000');
  });
});
