import { describe, expect, it } from 'vitest';
import { createSpec } from '../engine/create-spec';
import { loadStack } from './load';
import { ComposeError } from './model';
import { makeProject } from '../testing/compose-project';

const project = (compose: string, files: Record<string, string> = {}) => makeProject({ 'docker-compose.yml': compose, ...files });
const problems = (dir: string): string[] => {
  try {
    loadStack({ files: ['docker-compose.yml'], cwd: dir, env: {} });
  } catch (err) {
    if (err instanceof ComposeError) return err.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
    throw err;
  }
  throw new Error('loaded without an error');
};

describe('secrets and configs from files', () => {
  it('mount each file read-only where compose v2 does', () => {
    const dir = project(
      'services:\n  s:\n    image: i\n    secrets: [k, {source: k, target: other}, {source: k, target: /abs/k}]\n    configs: [c, {source: c, target: /etc/c.conf}]\nsecrets:\n  k: {file: ./k.txt}\nconfigs:\n  c: {file: ./c.txt}\n',
      { 'k.txt': 'x', 'c.txt': 'y' },
    );
    const { model } = loadStack({ files: ['docker-compose.yml'], cwd: dir, env: {} });
    const { options } = createSpec(model, model.services.s!, { imageId: 'sha256:x', apiVersion: '1.41' });
    const binds = (options.HostConfig?.Mounts ?? []).map((m) => `${m.Source} -> ${m.Target} ${m.ReadOnly ? 'ro' : 'rw'}`);
    expect(binds).toEqual([
      `${dir}/k.txt -> /run/secrets/k ro`,
      `${dir}/k.txt -> /run/secrets/other ro`,
      `${dir}/k.txt -> /abs/k ro`,
      `${dir}/c.txt -> /c ro`,
      `${dir}/c.txt -> /etc/c.conf ro`,
    ]);
  });

  it('an undeclared name, a missing file, or a source or option not supported is an error at its key', () => {
    const dir = project(
      'services:\n  s:\n    image: i\n    secrets:\n      - nope\n      - gone\n      - {source: e, mode: 0400}\nsecrets:\n  gone: {file: ./gone.txt}\n  e: {environment: HOME}\n',
    );
    expect(problems(dir)).toEqual([
      expect.stringMatching(/^10: secrets\.e\.environment: secrets\.e\.environment: Atom Desktop does not support it yet .*\(use file:\)$/),
      "5: services.s.secrets[0]: secrets 'nope' is not declared in the top-level secrets",
      expect.stringMatching(/^6: services\.s\.secrets\[1\]: secrets 'gone': file not found: .*gone\.txt$/),
      "7: services.s.secrets[2].mode: secrets option 'mode': Atom Desktop does not support it yet and will not run the file without it",
    ]);
  });
});
