// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthOutput } from './ServiceCard';

afterEach(cleanup);

const traceback = [
  'Traceback (most recent call last):',
  '  File "h.py", line 9, in <module>',
  '    probe()',
  '  File "h.py", line 4, in probe',
  '    raise RuntimeError("db down")',
  'RuntimeError: db down',
].join('\n');

describe('the last health check', () => {
  it('shows the end of a traceback (the error), and the whole output on demand', () => {
    render(<HealthOutput exitCode={1} output={traceback} />);
    const out = screen.getByTestId('health-output');
    expect(out.textContent).toContain('RuntimeError: db down');
    expect(out.textContent).not.toContain('Traceback (most recent call last)');
    fireEvent.click(screen.getByRole('button', { name: 'Show all (2 more lines above)' }));
    expect(out.textContent).toContain('Traceback (most recent call last)');
    fireEvent.click(screen.getByRole('button', { name: 'Show the end only' }));
    expect(out.textContent).not.toContain('Traceback');
  });

  it('a short output needs no button', () => {
    render(<HealthOutput exitCode={0} output={'PONG\n'} />);
    expect(screen.getByTestId('health-output').textContent).toBe('exit 0\nPONG');
    expect(screen.queryByTestId('health-output-toggle')).toBeNull();
  });
});
