// Playwright fixtures: the same specs drive either target. `web` starts
// `atom-desktop serve` and opens its URL in Debian's Chromium; `electron` launches
// the built app with _electron.launch (only where an Electron binary exists).
import { spawn, type ChildProcess } from 'node:child_process';
import { test as base, expect, type Page } from '@playwright/test';
import { CLI, createStackEnv, destroyStack, ROOT, type StackEnv } from './stack-env';

export interface ServedApp {
  url: string;
  stop(): Promise<void>;
}

async function startServe(stack: StackEnv): Promise<ServedApp> {
  const child: ChildProcess = spawn('node', [CLI, 'serve', '--port', '0', '-f', stack.file, '-p', stack.project, '--settings', stack.env.ATOM_DESKTOP_SETTINGS!], {
    cwd: ROOT,
    env: stack.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

type WorkerFixtures = { stack: StackEnv; app: ServedApp | null };
type TestFixtures = { page: Page };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stack: [
    async ({}, use, workerInfo) => {
      const stack = await createStackEnv(`w${workerInfo.workerIndex}`);
      await use(stack);
      await destroyStack(stack);
    },
    { scope: 'worker' },
  ],
  app: [
    async ({ stack }, use, workerInfo) => {
      if (workerInfo.project.name !== 'web') return use(null);
      const app = await startServe(stack);
      await use(app);
      await app.stop();
    },
    { scope: 'worker' },
  ],
  // `page` is the dashboard, already open, whatever the target.
  page: async ({ app, page, stack }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const { launchElectron } = await import('./electron-target');
      const launched = await launchElectron({ env: stack.env });
      await use(launched.page);
      await launched.close();
      return;
    }
    await page.goto(app!.url);
    await use(page);
  },
});

export { expect };
