// First run, with nothing chosen: the app runs its bundled demo stack and asks which
// stack this is for. "Open an Atom checkout…" opens the checkout form right there (with
// the native folder dialog in the desktop app); using the bundled stack is remembered,
// so the question is not asked again after a restart.
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';
import { startServe } from '../serve-process';
import { createStackEnv } from '../stack-env';

test('the first run asks which stack, and remembers the answer', async ({ page }, testInfo) => {
  const desktop = testInfo.project.name === 'electron';
  // The bundled file (no -f, no ATOM_DESKTOP_COMPOSE_FILES), under a project name of its own: never the user's atom-personal.
  const stack = await createStackEnv('first-run');
  delete stack.env.ATOM_DESKTOP_COMPOSE_FILES;
  let stop: () => Promise<void> = async () => undefined;
  /** Opens the app on the same settings file: a first start, then a restart. */
  const open = async (): Promise<Page> => {
    await stop();
    if (desktop) {
      const { launchElectron } = await import('../electron-target');
      const launched = await launchElectron({ env: stack.env });
      stop = launched.close;
      return launched.page;
    }
    const app = await startServe(stack, [], [], { bundled: true });
    stop = app.stop;
    await page.goto(app.url);
    return page;
  };
  try {
    let p = await open();
    let d = new DashboardPage(p);
    const choice = p.getByTestId('stack-choice');
    await expect(choice).toBeVisible({ timeout: 30_000 });
    await expect(d.service('valkey')).toBeVisible();
    await p.getByTestId('stack-choice-checkout').click();
    await expect(choice.getByTestId('checkout-folder')).toBeVisible();
    // The desktop app has a folder dialog; a browser has the path typed.
    await expect(choice.getByTestId('checkout-browse')).toHaveCount(desktop ? 1 : 0);
    await d.screenshots(testInfo, 'first-run');
    await p.getByTestId('stack-choice-bundled').click();
    await expect(choice).toBeHidden();

    p = await open();
    d = new DashboardPage(p);
    await expect(d.service('valkey')).toBeVisible({ timeout: 30_000 });
    await expect(p.getByTestId('stack-choice')).toHaveCount(0);
  } finally {
    await stop();
  }
});
