import { describe, expect, it } from 'vitest';
import { loadStack } from './load';
import { loadProblems, makeProject } from '../testing/compose-project';

const problemsOf = loadProblems;

describe('extends', () => {
  it('merges the base under the service, follows chains, and leaves the base service as it is', () => {
    const dir = makeProject({
      'docker-compose.yml':
        'services:\n  a:\n    image: i:1\n    environment: {X: "1"}\n  b:\n    extends: a\n    environment: {Y: "2"}\n  c:\n    extends: {service: b}\n    image: i:3\n',
    });
    const { model } = loadStack({ files: ['docker-compose.yml'], cwd: dir, env: {} });
    expect(model.services.c).toMatchObject({ image: 'i:3', environment: { X: '1', Y: '2' } });
    expect(model.services.a).toMatchObject({ image: 'i:1', environment: { X: '1' } });
  });

  it('is an error at the extends that names a cycle, a missing service or a missing file', () => {
    // Each service of the cycle is told, at the extends that closes it.
    expect(problemsOf({ 'docker-compose.yml': 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n' })).toEqual(
      expect.arrayContaining([
        'docker-compose.yml:5: services.b.extends: circular extends: a -> b -> a',
        'docker-compose.yml:3: services.a.extends: circular extends: b -> a -> b',
      ]),
    );
    expect(problemsOf({ 'docker-compose.yml': 'services:\n  a:\n    image: i\n    extends: nowhere\n' })).toEqual([
      'docker-compose.yml:4: services.a.extends: extends: no service "nowhere" in this file',
    ]);
    const missing = problemsOf({ 'docker-compose.yml': 'services:\n  a:\n    extends: {service: x, file: gone.yml}\n' });
    expect(missing[0]).toBe('gone.yml:null: : compose file not found');
    expect(missing[1]).toMatch(
      /^docker-compose\.yml:3: services\.a\.extends: extends: cannot use .*gone\.yml \(see the problems in that file\)$/,
    );
  });
});
