import { describe, expect, it } from 'vitest';
import { splitShell } from './shell-split';

describe('splitShell', () => {
  it.each([
    ['valkey-server --save ""', ['valkey-server', '--save', '']],
    ['sh -c "echo hello world"', ['sh', '-c', 'echo hello world']],
    ['echo \'a "b"\' c', ['echo', 'a "b"', 'c']],
    ['a\\ b   c', ['a b', 'c']],
    ['echo "x\\"y"', ['echo', 'x"y']],
    ['  ', []],
  ])('%j', (input, want) => {
    expect(splitShell(input)).toEqual(want);
  });

  it('rejects an unterminated quote', () => {
    expect(() => splitShell('echo "oops')).toThrow('unterminated double quote');
  });
});
