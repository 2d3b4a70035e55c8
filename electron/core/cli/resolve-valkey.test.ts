import { describe, expect, it } from 'vitest';
import { namesService, withHostPort } from './resolve-valkey';

describe('a REDIS_URL naming a compose service', () => {
  it('is told apart from addresses and host names', () => {
    expect(namesService('redis://valkey:6379')).toBe('valkey');
    expect(namesService('redis://:secret@atom-personal-valkey:6379/0')).toBe('atom-personal-valkey');
    expect(namesService('redis://127.0.0.1:6379')).toBeNull();
    expect(namesService('redis://localhost:6379')).toBeNull();
    expect(namesService('redis://[::1]:6379')).toBeNull();
    expect(namesService('redis://cache.internal.example:6379')).toBeNull();
    expect(namesService('not a url')).toBeNull();
  });

  it('gets the published host and port, keeping credentials and the database', () => {
    expect(withHostPort('redis://:secret@valkey:6379/2', '127.0.0.1', 16379)).toBe('redis://:secret@127.0.0.1:16379/2');
    expect(withHostPort('redis://valkey:6379', '127.0.0.1', 16379)).toBe('redis://127.0.0.1:16379');
  });
});
