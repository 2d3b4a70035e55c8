import { describe, expect, it } from 'vitest';
import { isSecretKey, secretKeys } from './secret';

describe('secret keys', () => {
  it.each([
    ['SECRET_KEY', true],
    ['API_KEY', true],
    ['GITHUB_TOKEN', true],
    ['DB_PASSWORD', true],
    ['DB_PASS', true],
    ['apiKey', true],
    ['secret', true],
    ['KEYBOARD', false],
    ['PASSAGE', false],
    ['REDIS_URL', false],
    ['MONKEY', false],
  ])('%s -> %s', (k, want) => {
    expect(isSecretKey(k)).toBe(want);
  });

  it('lists the secret keys sorted', () => {
    expect(secretKeys({ Z_TOKEN: 'a', A: 'b', B_SECRET: null })).toEqual(['B_SECRET', 'Z_TOKEN']);
  });
});
