import { describe, expect, it } from 'vitest';
import { loadStack } from './load';
import { loadProblems, makeProject } from '../testing/compose-project';

const problemsOf = loadProblems;

describe('include', () => {
  it("joins the included project's services, with its paths from its folder", () => {
    const dir = makeProject({
      'docker-compose.yml': 'include: [db/compose.yml]\nservices:\n  app:\n    image: a:1\n',
      'db/compose.yml': 'services:\n  db:\n    image: d:1\n    volumes: ["./init:/init"]\n',
    });
    const { model } = loadStack({ files: ['docker-compose.yml'], cwd: dir, env: {} });
    expect(Object.keys(model.services).sort()).toEqual(['app', 'db']);
    expect(model.services.db?.volumes[0]).toMatchObject({ type: 'bind', source: `${dir}/db/init`, target: '/init' });
  });

  it('is an error naming the conflict, the cycle, or the file that cannot be read', () => {
    expect(
      problemsOf({
        'docker-compose.yml': 'include: [other.yml]\nservices:\n  s:\n    image: a:1\n',
        'other.yml': 'services:\n  s:\n    image: b:1\n',
      }),
    ).toEqual([
      expect.stringMatching(/^docker-compose\.yml:4: services\.s: services\.s is defined both here and in the included .*other\.yml/),
    ]);
    expect(
      problemsOf({
        'docker-compose.yml': 'include: [a.yml]\nservices:\n  s:\n    image: a:1\n',
        'a.yml': 'include: [docker-compose.yml]\nservices:\n  t:\n    image: t:1\n',
      }),
    ).toEqual([expect.stringMatching(/include: .*docker-compose\.yml is already being included \(a cycle\)$/)]);
    const missing = problemsOf({ 'docker-compose.yml': 'include: [gone.yml]\nservices:\n  s:\n    image: a:1\n' });
    expect(missing[0]).toBe('gone.yml:null: : compose file not found');
    expect(missing[1]).toMatch(/^docker-compose\.yml:1: include\[0\]: include: cannot use .*gone\.yml/);
  });
});
