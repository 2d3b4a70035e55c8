import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/stack';
import { isMark, withRecreateMarks } from './log-items';

const line = (seq: number, service: string, container: string): LogLine => ({
  seq,
  service,
  stream: 'stdout',
  ts: `t${seq}`,
  text: `l${seq}`,
  container,
});

describe('recreate marks', () => {
  it('marks where a service continues from a new container, per service, across batches', () => {
    const last = new Map<string, string>();
    const first = withRecreateMarks([line(1, 'a', 'c1'), line(2, 'b', 'd1'), line(3, 'a', 'c1')], last);
    expect(first.some(isMark)).toBe(false);
    const second = withRecreateMarks([line(4, 'b', 'd1'), line(5, 'a', 'c2'), line(6, 'a', 'c2')], last);
    expect(second.map((i) => (isMark(i) ? `mark ${i.service} ${i.container} ${i.ts}` : i.seq))).toEqual([4, 'mark a c2 t5', 5, 6]);
  });
});
