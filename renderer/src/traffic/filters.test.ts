import { describe, expect, it } from 'vitest';
import { messageQuerySchema } from '../../../shared/contract';
import { EMPTY_FILTERS, filtersToQuery, QUERY_LIMIT, regexError } from './filters';

describe('filtersToQuery', () => {
  it('is null when no filter is set (blank fields count as unset)', () => {
    expect(filtersToQuery(EMPTY_FILTERS)).toBeNull();
    expect(filtersToQuery({ ...EMPTY_FILTERS, agent: '  ', regex: true })).toBeNull();
  });

  it('maps trimmed fields and the regex flag to a query the contract accepts', () => {
    const q = filtersToQuery({
      ...EMPTY_FILTERS,
      agent: ' Alice ',
      eventType: 'post.created',
      topic: 'global',
      text: 'hel+o',
      regex: true,
    });
    expect(q).toEqual({ agent: 'Alice', eventType: 'post.created', topic: 'global', text: 'hel+o', regex: true, limit: QUERY_LIMIT });
    const decoded = filtersToQuery({
      ...EMPTY_FILTERS,
      visibility: 'direct',
      actorType: 'human',
      tenant: ' t1 ',
      channelName: '#engineering',
    });
    expect(decoded).toEqual({ visibility: 'direct', actorType: 'human', tenant: 't1', channelName: 'engineering', limit: QUERY_LIMIT });
    expect(messageQuerySchema.safeParse(q).success).toBe(true);
  });

  it('keeps text verbatim (spaces matter) and omits regex without text', () => {
    expect(filtersToQuery({ ...EMPTY_FILTERS, text: ' a b ' })).toEqual({ text: ' a b ', limit: QUERY_LIMIT });
    expect(filtersToQuery({ ...EMPTY_FILTERS, agent: 'x', regex: true })).toEqual({ agent: 'x', limit: QUERY_LIMIT });
  });

  it('reports an invalid regex before asking the core', () => {
    const message = regexError({ ...EMPTY_FILTERS, text: '(', regex: true }) ?? '';
    expect(message).toMatch(/^Invalid regular expression: \/\(\/: /);
    expect(message.match(/invalid regular expression/gi)).toHaveLength(1);
    expect(regexError({ ...EMPTY_FILTERS, text: '(', regex: false })).toBeNull();
  });
});
