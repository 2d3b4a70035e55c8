import { describe, expect, it } from 'vitest';
import { ftsQuery } from './fts-query';

describe('ftsQuery', () => {
  it('quotes each word so they are all required and none is syntax', () => {
    expect(ftsQuery('disk  usage')).toBe('"disk" "usage"');
    expect(ftsQuery('NOT OR AND')).toBe('"NOT" "OR" "AND"');
    expect(ftsQuery('a"b')).toBe('"a""b"');
  });

  it('keeps a trailing star as a prefix search', () => {
    expect(ftsQuery('disk*')).toBe('"disk"*');
  });

  it('refuses a search with no word in it, saying what was typed', () => {
    expect(() => ftsQuery('   ')).toThrow(/Nothing to search for/);
    expect(() => ftsQuery('""')).toThrow(/Nothing to search for in """"/);
  });
});
