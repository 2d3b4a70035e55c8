import { describe, expect, it } from 'vitest';
import { DotenvError, parseDotenv, parseDotenvFiles } from './dotenv';

describe('parseDotenv', () => {
  it.each([
    ['quotes and comments', 'A="x # y" # c\nB=\'$A\'\nC=plain # note\n# full line\n', { A: 'x # y', B: '$A', C: 'plain' }],
    ['export prefix', 'export A=1\nexport  B="2"', { A: '1', B: '2' }],
    ['multi-line double quotes', 'A="line1\nline2"\nB=after', { A: 'line1\nline2', B: 'after' }],
    ['escapes only in double quotes', 'A="a\\tb"\nB=a\\tb\nC=\'a\\tb\'', { A: 'a\tb', B: 'a\\tb', C: 'a\\tb' }],
    ['expansion from earlier lines', 'HOST=h\nURL=http://${HOST}:${PORT:-80}', { HOST: 'h', URL: 'http://h:80' }],
    ['yaml-style colon', 'A: 1', { A: '1' }],
    ['CRLF line ends', 'A=1\r\nB=2\r\n', { A: '1', B: '2' }],
  ])('%s', (_name, text, want) => {
    expect(parseDotenv(text)).toEqual(want);
  });

  it('expands from the OS environment before earlier lines', () => {
    expect(parseDotenv('A=file\nB=$A', { lookup: (k) => (k === 'A' ? 'os' : undefined) })).toEqual({ A: 'file', B: 'os' });
  });

  it('inherits a bare KEY from the environment, or leaves it out', () => {
    expect(parseDotenv('A\nB\n', { lookup: (k) => (k === 'A' ? 'yes' : undefined) })).toEqual({ A: 'yes' });
  });

  it.each([
    ['A="open', 1, 'unterminated quoted value'],
    ['OK=1\n\nBAD KEY\n', 3, 'key cannot contain a space'],
    ['OK=1\nlol$wut', 2, 'unexpected character "$" in variable name "lol$wut"'],
    ['A=${X:?X needed}', 1, 'required variable X is missing a value: X needed'],
  ])('%j fails at line %i', (text, line, msg) => {
    let err: unknown;
    try {
      parseDotenv(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DotenvError);
    expect((err as DotenvError).line).toBe(line);
    expect((err as Error).message).toContain(msg);
  });

  it('later files win and see earlier ones', () => {
    expect(parseDotenvFiles(['A=1\nB=x', 'B=$A-2'])).toEqual({ A: '1', B: '1-2' });
  });
});
