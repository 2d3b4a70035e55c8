import { describe, expect, it } from 'vitest';
import { goMarshal, goString, type GoShape } from './go-json';

const shape: GoShape = {
  struct: [
    ['b', null],
    ['a', { map: null }],
    [
      'list',
      {
        list: {
          struct: [
            ['y', null],
            ['x', null],
          ],
        },
      },
    ],
    ['n', null],
  ],
};

describe("Go's JSON text", () => {
  it('escapes <, > and & and the line separators as Go does, and nothing else differently', () => {
    expect(goString('a<b>&c\u2028\u2029"\\\n\t')).toBe('"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\"\\\\\\n\\t"');
  });

  it('writes struct fields in declared order, sorts map keys bytewise (numbers too), keeps nulls given', () => {
    const v = { list: [{ x: 1, y: 'two' }], a: { b: 1, '10': 2, '9': 3, A: 4 }, b: null };
    expect(goMarshal(v, shape)).toBe('{"b":null,"a":{"10":2,"9":3,"A":4,"b":1},"list":[{"y":"two","x":1}]}');
  });

  it('refuses a field its struct does not declare, naming where', () => {
    expect(() => goMarshal({ list: [{ z: 1 }] }, shape)).toThrow("$.list[0]: no field 'z' in its Go struct");
  });
});
