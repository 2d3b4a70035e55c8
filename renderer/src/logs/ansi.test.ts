import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from './ansi';

const ESC = '\u001b';

describe('parseAnsi', () => {
  it('returns plain text as one unstyled segment', () => {
    expect(parseAnsi('hello')).toEqual([{ text: 'hello', style: {} }]);
  });

  it('applies and resets basic colours and bold', () => {
    const segs = parseAnsi(`a${ESC}[1;31mred${ESC}[0m b`);
    expect(segs).toEqual([
      { text: 'a', style: {} },
      { text: 'red', style: { bold: true, fg: 'var(--ansi-red)' } },
      { text: ' b', style: {} },
    ]);
  });

  it('handles bright, background, 256 and truecolor codes', () => {
    expect(parseAnsi(`${ESC}[92mx`)[0]!.style.fg).toBe('var(--ansi-bright-green)');
    expect(parseAnsi(`${ESC}[44mx`)[0]!.style.bg).toBe('var(--ansi-blue)');
    expect(parseAnsi(`${ESC}[38;5;196mx`)[0]!.style.fg).toBe('rgb(255,0,0)');
    expect(parseAnsi(`${ESC}[38;5;244mx`)[0]!.style.fg).toBe('rgb(128,128,128)');
    expect(parseAnsi(`${ESC}[48;2;1;2;3mx`)[0]!.style.bg).toBe('rgb(1,2,3)');
  });

  it('treats ESC[m as reset and 39/22 as partial resets', () => {
    const segs = parseAnsi(`${ESC}[1;32ma${ESC}[39mb${ESC}[22mc${ESC}[md`);
    expect(segs.map((s) => s.style)).toEqual([{ bold: true, fg: 'var(--ansi-green)' }, { bold: true }, {}, {}]);
  });

  it('drops non-SGR escapes (cursor moves, OSC titles)', () => {
    expect(stripAnsi(`${ESC}[2K${ESC}]0;title\u0007ok${ESC}[1A`)).toBe('ok');
  });

  it('keeps a style across segments until changed', () => {
    const segs = parseAnsi(`${ESC}[33mwarn: ${ESC}[4mdisk${ESC}[24m low`);
    expect(segs).toHaveLength(3);
    expect(segs[2]).toEqual({ text: ' low', style: { fg: 'var(--ansi-yellow)' } });
  });
});
