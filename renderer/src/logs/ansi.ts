// A small ANSI SGR parser: splits a log line into styled text segments. Only SGR
// (ESC [ ... m) is interpreted; other escape sequences are dropped.

export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface Segment {
  text: string;
  style: AnsiStyle;
}

// Palette names map to CSS custom properties so themes can tune contrast.
const BASIC = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

function basic(i: number, bright: boolean): string {
  return `var(--ansi-${bright ? 'bright-' : ''}${BASIC[i]})`;
}

function xterm256(n: number): string {
  if (n < 8) return basic(n, false);
  if (n < 16) return basic(n - 8, true);
  if (n < 232) {
    const c = n - 16;
    const lv = [0, 95, 135, 175, 215, 255];
    return `rgb(${lv[Math.floor(c / 36)]},${lv[Math.floor(c / 6) % 6]},${lv[c % 6]})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

/** Applies one SGR parameter list to a style (returns a new style). */
export function applySgr(style: AnsiStyle, params: number[]): AnsiStyle {
  let s: AnsiStyle = { ...style };
  if (params.length === 0) params = [0];
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) s = {};
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 22) {
      delete s.bold;
      delete s.dim;
    } else if (p === 23) delete s.italic;
    else if (p === 24) delete s.underline;
    else if (p >= 30 && p <= 37) s.fg = basic(p - 30, false);
    else if (p >= 90 && p <= 97) s.fg = basic(p - 90, true);
    else if (p >= 40 && p <= 47) s.bg = basic(p - 40, false);
    else if (p >= 100 && p <= 107) s.bg = basic(p - 100, true);
    else if (p === 39) delete s.fg;
    else if (p === 49) delete s.bg;
    else if (p === 38 || p === 48) {
      const key = p === 38 ? 'fg' : 'bg';
      if (params[i + 1] === 5 && params[i + 2] !== undefined) {
        s[key] = xterm256(params[i + 2]!);
        i += 2;
      } else if (params[i + 1] === 2 && params[i + 4] !== undefined) {
        s[key] = `rgb(${params[i + 2]},${params[i + 3]},${params[i + 4]})`;
        i += 4;
      }
    }
  }
  return s;
}

// ESC [ params final-byte; also OSC (ESC ] ... BEL/ST) which is dropped.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[([0-9;]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;

export function parseAnsi(line: string, initial: AnsiStyle = {}): Segment[] {
  const out: Segment[] = [];
  let style = initial;
  let last = 0;
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(line); m; m = ESCAPE.exec(line)) {
    if (m.index > last) out.push({ text: line.slice(last, m.index), style });
    last = m.index + m[0].length;
    if (m[2] === 'm') {
      const params = (m[1] ?? '')
        .split(';')
        .filter((x) => x !== '')
        .map(Number);
      style = applySgr(style, params);
    }
  }
  if (last < line.length) out.push({ text: line.slice(last), style });
  return out;
}

export function stripAnsi(line: string): string {
  return parseAnsi(line)
    .map((s) => s.text)
    .join('');
}
