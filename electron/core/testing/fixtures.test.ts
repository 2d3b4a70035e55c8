import { describe, expect, it } from 'vitest';
import { fixtureEnv, parseFixtureOutput } from './fixtures';

describe('fixture images from the environment', () => {
  it('parses exactly the two image variables from fixtures.sh stdout', () => {
    expect(parseFixtureOutput('VALKEY_IMAGE=a/b:1\nATOM_BACKEND_IMAGE=c/d:2\n')).toEqual({
      VALKEY_IMAGE: 'a/b:1',
      ATOM_BACKEND_IMAGE: 'c/d:2',
    });
  });

  it('names every missing variable', () => {
    expect(() => fixtureEnv({ VALKEY_IMAGE: 'x' })).toThrow(/ATOM_BACKEND_IMAGE not set/);
    expect(() => fixtureEnv({})).toThrow(/VALKEY_IMAGE and ATOM_BACKEND_IMAGE not set/);
  });
});
