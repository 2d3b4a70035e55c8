import { describe, expect, it } from 'vitest';
import { normalizeProjectName, pickProjectName } from './project-name';

describe('project name', () => {
  it.each([
    ['My Project', 'myproject'],
    ['Atom.Personal', 'atompersonal'],
    ['_under', 'under'],
    ['--x_y-Z', 'x_y-z'],
  ])('normalizes directory %j to %j', (raw, want) => {
    expect(normalizeProjectName(raw)).toBe(want);
  });

  it.each([
    [{ flag: 'flag', env: 'env', fromFile: 'file', projectDir: '/d/Dir' }, 'flag', 'flag'],
    [{ flag: null, env: 'env', fromFile: 'file', projectDir: '/d/Dir' }, 'env', 'env'],
    [{ env: undefined, fromFile: 'file', projectDir: '/d/Dir' }, 'file', 'file'],
    [{ projectDir: '/d/My Dir' }, 'mydir', 'dir'],
  ])('precedence %j', (s, name, source) => {
    const r = pickProjectName(s);
    expect([r.name, r.source, r.error]).toEqual([name, source, null]);
  });

  it('rejects an explicit invalid name', () => {
    expect(pickProjectName({ flag: 'Bad Name', projectDir: '/x' }).error).toContain('invalid project name "Bad Name"');
  });
});
