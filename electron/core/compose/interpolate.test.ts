import { describe, expect, it } from 'vitest';
import { interpolateTree, InterpolationError, substitute, TemplateError } from './interpolate';

const env: Record<string, string> = { SET: 'value', EMPTY: '', NESTED: 'inner' };
const lookup = (k: string) => env[k];

describe('substitute: every operator', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${SET:-d}', 'value'],
    ['${UNSET-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${SET-d}', 'value'],
    ['${SET:?must}', 'value'],
    ['${EMPTY?must}', ''],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${UNSET:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${NESTED}}', 'inner'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['a$', 'a$'],
    ['${UNSET:-a:b-c}', 'a:b-c'],
  ])('%s -> %j', (tpl, want) => {
    expect(substitute(tpl, lookup)).toBe(want);
  });

  it.each([
    ['${UNSET:?UNSET is required}', 'required variable UNSET is missing a value: UNSET is required'],
    ['${EMPTY:?no empty}', 'required variable EMPTY is missing a value: no empty'],
    ['${UNSET?}', 'required variable UNSET is missing a value'],
    ['${', 'Invalid template: "${"'],
    ['${bad name}', 'Invalid template: "${bad name}"'],
    ['${UNSET:-unclosed', 'Invalid template: "${UNSET:-unclosed"'],
  ])('%s fails with %j', (tpl, msg) => {
    expect(() => substitute(tpl, lookup)).toThrow(TemplateError);
    expect(() => substitute(tpl, lookup)).toThrow(msg);
  });

  it('reports unset variables only when their value is used', () => {
    const unset: string[] = [];
    substitute('${A} ${B:-x} ${C:+${D}} ${E-${F}}', lookup, { onUnset: (n) => unset.push(n) });
    expect(unset).toEqual(['A', 'F']);
  });
});

describe('interpolateTree', () => {
  it('interpolates values, never keys, and keeps non-strings', () => {
    const out = interpolateTree({ '${SET}': '${SET}', n: 5, b: true, l: ['$SET', null] }, lookup);
    expect(out).toEqual({ '${SET}': 'value', n: 5, b: true, l: ['value', null] });
  });

  it('names the path of an unset variable', () => {
    const seen: [string, unknown[]][] = [];
    interpolateTree({ services: { a: { image: '${NOPE}' } } }, lookup, { onUnset: (n, p) => seen.push([n, p]) });
    expect(seen).toEqual([['NOPE', ['services', 'a', 'image']]]);
  });

  it('throws an InterpolationError with the path, or collects them', () => {
    const tree = { services: { a: { environment: { K: '${K:?set K}' }, image: '${' } } };
    expect(() => interpolateTree(tree, lookup)).toThrow(InterpolationError);
    const errors: InterpolationError[] = [];
    interpolateTree(tree, lookup, { onError: (e) => errors.push(e) });
    expect(errors.map((e) => [e.path.join('.'), e.message])).toEqual([
      ['services.a.environment.K', 'required variable K is missing a value: set K'],
      ['services.a.image', 'Invalid template: "${"'],
    ]);
  });
});
