// The headless server's address is stable: a default port and a token kept beside the
// settings, so a bookmark survives a restart. A page opened without the token, or with
// an old one, says how to get the right address instead of reconnecting forever.
// It starts a serve of its own and opens it in Chromium, so it runs the same whatever
// the target (the Electron app has no headless server of its own to test).
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';
import { startServe } from '../serve-process';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../target';

test('a missing or old token is explained, and the kept token survives a restart', async ({ stack }, testInfo) => {
  const app = await startServe(stack);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const url = new URL(app.url);
    await page.goto(app.url);
    const d = new DashboardPage(page);
    await expect(d.engineStatus).toHaveText(/Docker \d+\.\d+/, { timeout: 30_000 });

    // The same settings folder, asked again: the same token; the default port is stable.
    const again = await stack.cli(['serve', '--print-url', '--port', url.port, '--settings', stack.env.ATOM_DESKTOP_SETTINGS!]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(app.url);
    const byDefault = await stack.cli(['serve', '--print-url', '--settings', stack.env.ATOM_DESKTOP_SETTINGS!]);
    expect(byDefault.stdout.trim()).toBe(`http://127.0.0.1:7420/?token=${url.searchParams.get('token')}`);
    const tokenFile = join(dirname(stack.env.ATOM_DESKTOP_SETTINGS!), 'serve-token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);

    for (const address of [`${url.origin}/`, `${url.origin}/?token=an-old-token-from-a-bookmark-0123456789`]) {
      await page.goto(address);
      const banner = page.getByTestId('core-unauthorized');
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('atom-desktop serve --print-url');
      await expect(page.getByTestId('core-disconnected')).toHaveCount(0);
    }
    await d.screenshots(testInfo, 'serve-unauthorized');
  } finally {
    await browser.close();
    await app.stop();
  }
});
