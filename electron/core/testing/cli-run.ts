// `atom-desktop` as a user runs it, for the CLI integration tests: the built entry in a
// child process, with the environment and folder the test gives, and its exit code
// and output whatever happens.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './compose-v1';

export const CLI = join(REPO_ROOT, 'bin', 'atom-desktop.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args`; env and cwd are read at each call (tests set them in beforeAll). */
export function runCli(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'node',
      [CLI, ...args],
      { env: opts.env, cwd: opts.cwd ?? REPO_ROOT, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}
