// Playwright fixtures: the same specs drive either target. `web` starts
// `atom-desktop serve` and opens its URL in Debian's Chromium; `electron` launches
// the built app with _electron.launch (only where an Electron binary exists).
import { test as base, expect, type Page } from '@playwright/test';
import { startServe, type ServedApp } from './serve-process';
import { createStackEnv, destroyStack, type StackEnv } from './stack-env';

type WorkerFixtures = { stack: StackEnv; app: ServedApp | null };
type TestFixtures = { page: Page };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stack: [
    // Playwright reads fixture dependencies from the destructuring pattern: none here.
    // eslint-disable-next-line no-empty-pattern
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
