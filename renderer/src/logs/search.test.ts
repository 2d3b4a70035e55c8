import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi';
import { countMatches, countMatchesIn, highlight } from './search';

describe('log search', () => {
  it('counts case-insensitive, non-overlapping matches', () => {
    expect(countMatches('Ready ready READY', 'ready')).toBe(3);
    expect(countMatches('aaaa', 'aa')).toBe(2);
    expect(countMatches('abc', '')).toBe(0);
  });

  it('counts matches and matching lines over many lines', () => {
    expect(countMatchesIn(['Ready to accept connections', 'nothing', 'ready ready'], 'ready')).toEqual({ matches: 3, lines: 2 });
  });

  it('highlights matches inside styled segments, keeping their style', () => {
    const segs = highlight(parseAnsi('\u001b[32mServer ready\u001b[0m to go'), 'ready to');
    expect(segs.filter((s) => s.match).map((s) => s.text)).toEqual(['ready', ' to']);
    expect(segs.find((s) => s.text === 'ready')!.style.fg).toBe('var(--ansi-green)');
    expect(segs.map((s) => s.text).join('')).toBe('Server ready to go');
  });

  it('returns the segments unmarked when nothing matches', () => {
    expect(highlight(parseAnsi('abc'), 'zz')).toEqual([{ text: 'abc', style: {}, match: false }]);
  });
});
