// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LogRow, RecreateRow } from './LogRow';

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
        plain="Ready to accept connections"
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

  it('colours by level and shows a JSON line as fields, the message first, matches marked', () => {
    const text = '{"msg":"publish failed","level":"error","agent":"ops"}';
    const { container } = render(
      <LogRow
        line={{ seq: 2, service: 'atom-backend', stream: 'stdout', ts: null, text }}
        plain={text}
        showTs={false}
        showService
        query="ops"
      />,
    );
    const row = container.querySelector('[data-testid="log-line"]')!;
    expect(row.getAttribute('data-level')).toBe('error');
    expect(row.className).toContain('lvl-error');
    expect(container.querySelector('[data-testid="log-fields"]')!.textContent).toBe('level=errormsg=publish failedagent=ops');
    expect(container.querySelector('mark')!.textContent).toBe('ops');
  });

  it('marks a recreated container with its id and time', () => {
    const { container } = render(
      <RecreateRow mark={{ kind: 'recreated', seq: 4.5, service: 'valkey', container: 'abcdef123456', ts: '2026-12-01T10:00:00Z' }} />,
    );
    expect(container.textContent).toMatch(/^valkey recreated: container abcdef123456 from /);
  });
});
