import { describe, expect, it } from 'vitest';
import { outputTail } from './health-output';

describe('outputTail', () => {
  it('keeps the end of a traceback, where the error is, and counts what it hides', () => {
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/app/health.py", line 3, in <module>',
      '    check()',
      '  File "/app/health.py", line 2, in check',
      '    raise ConnectionError("backend not listening on 8000")',
      'ConnectionError: backend not listening on 8000',
      '',
    ].join('\n');
    expect(outputTail(traceback)).toEqual({
      tail: '    check()\n  File "/app/health.py", line 2, in check\n    raise ConnectionError("backend not listening on 8000")\nConnectionError: backend not listening on 8000',
      hidden: 2,
    });
    expect(outputTail('PONG\n')).toEqual({ tail: 'PONG', hidden: 0 });
  });
});
