// Runs `atom-desktop serve` for one stack copy and waits for the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT, type StackEnv } from './stack-env';

export interface ServedApp {
  url: string;
  /** The serve process, to sample its memory or see that it is still alive. */
  pid: number;
  alive(): boolean;
  stop(): Promise<void>;
}

/** `bundled`: no -f, no ATOM_DESKTOP_COMPOSE_FILES: the app runs the stack its settings choose (the bundled one at first). */
export async function startServe(
  stack: StackEnv,
  nodeArgs: string[] = [],
  extraFiles: string[] = [],
  opts: { bundled?: boolean } = {},
): Promise<ServedApp> {
  const files = opts.bundled ? [] : [stack.file, ...extraFiles].flatMap((f) => ['-f', f]);
  const env = { ...stack.env };
  if (opts.bundled) delete env.ATOM_DESKTOP_COMPOSE_FILES;
  const child: ChildProcess = spawn(
    'node',
    [...nodeArgs, CLI, 'serve', '--port', '0', ...files, '-p', stack.project, '--settings', stack.env.ATOM_DESKTOP_SETTINGS!],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
      process.stderr.write(`[serve] ${c}`);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Quits `app`'s serve and starts another on the same stack and data folder, in place:
 * the fixture then stops the new one. What the first recorded must be there in the second.
 */
export async function restartServe(app: ServedApp, stack: StackEnv, opts: { bundled?: boolean } = {}): Promise<void> {
  await app.stop();
  Object.assign(app, await startServe(stack, [], [], opts));
}
