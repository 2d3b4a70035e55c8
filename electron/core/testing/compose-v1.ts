// Runs the bundled stack file with Debian's docker-compose v1, for tests only.
// v1 predates the spec's top-level `name`, so a copy without it is written (with
// build contexts made absolute so the copy can live in a temp dir).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BUNDLED_STACK = join(REPO_ROOT, 'docker-compose-personal.yml');

type ComposeDoc = { name?: string; services?: Record<string, { build?: { context?: string } }> };

export function v1CompatibleCopy(file = BUNDLED_STACK): string {
  const doc = parse(readFileSync(file, 'utf8')) as ComposeDoc;
  delete doc.name;
  for (const service of Object.values(doc.services ?? {})) {
    const context = service.build?.context;
    if (service.build && context && !isAbsolute(context)) service.build.context = resolve(dirname(file), context);
  }
  const out = join(mkdtempSync(join(tmpdir(), 'atom-compose-')), 'docker-compose.yml');
  // YAML 1.1 output: v1 reads plain `no` as false.
  writeFileSync(out, stringify(doc, { version: '1.1' }));
  return out;
}

export function composeV1(file: string, project: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'docker-compose',
      ['-p', project, '-f', file, ...args],
      { env: { ...process.env, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`docker-compose ${args.join(' ')} failed: ${err.message}\n${stderr}`, { cause: err }));
        else resolvePromise(stdout + stderr);
      },
    );
  });
}
