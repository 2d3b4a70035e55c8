// Logs the way Dozzle shows them: levels, only the matching lines, wrap, a download of
// what is shown, a colour per service, and a mark where a container was recreated.
import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

test('levels, only matching, wrap, download and a recreate mark', async ({ page, stack }, testInfo) => {
  const d = new DashboardPage(page);
  const up = await stack.cli(['up', '--wait', '--timeout', '120', '-f', stack.file, '-p', stack.project], 180_000);
  expect(up.code, up.stderr).toBe(0);
  try {
    await d.showLogsOf('valkey');
    const ready = d.logLines.filter({ hasText: 'Ready to accept connections' }).first();
    await expect(ready).toBeVisible({ timeout: 30_000 });
    // Valkey marks a notice with '*': info.
    await expect(ready).toHaveAttribute('data-level', 'info');

    await d.logsSearch.fill('ready to accept');
    await page.getByTestId('logs-only-matching').check();
    // Only the matching lines (earlier specs on this worker may have left one each).
    await expect(d.logLines.first()).toContainText('Ready to accept connections');
    const shown = await d.logLines.allTextContents();
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.every((t) => /ready to accept/i.test(t))).toBe(true);
    await expect(page.getByTestId('logs-match-count')).toHaveText(new RegExp(`in ${shown.length} lines?$`));
    const download = page.waitForEvent('download');
    await page.getByTestId('logs-download').click();
    const file = readFileSync((await (await download).path())!, 'utf8');
    expect(file.trim().split('\n')).toHaveLength(shown.length);
    expect(file).toContain('Ready to accept connections');
    await page.getByTestId('logs-only-matching').uncheck();
    await d.logsSearch.fill('');

    await page.getByTestId('logs-wrap').check();
    await expect(d.logLines.first()).toHaveCSS('white-space', 'pre-wrap');
    await page.getByTestId('logs-wrap').uncheck();

    // The container is replaced: its service's logs go on after a mark with the new id.
    // Earlier specs on this worker may have left marks of their own, and the list is
    // virtualized (rows out of view are not in the page): look for this recreate's mark.
    const mark = page.getByTestId('log-recreated');
    const idOf = async () =>
      (
        JSON.parse((await stack.cli(['ps', '--json', '-f', stack.file, '-p', stack.project])).stdout) as {
          name: string;
          containerId: string;
        }[]
      ).find((s) => s.name === 'valkey')!.containerId;
    const old = await idOf();
    const rm = await stack.cli(['down', '-f', stack.file, '-p', stack.project]);
    expect(rm.code, rm.stderr).toBe(0);
    const again = await stack.cli(['up', '--wait', '--timeout', '120', '-f', stack.file, '-p', stack.project], 180_000);
    expect(again.code, again.stderr).toBe(0);
    const fresh = await idOf();
    const freshMark = mark.filter({ hasText: `container ${fresh.slice(0, 12)} from` });
    await expect(freshMark).toHaveCount(1, { timeout: 30_000 });
    await expect(freshMark).toHaveText(new RegExp(`^valkey recreated: container ${fresh.slice(0, 12)} from `));
    expect(fresh).not.toBe(old);

    // The merged view: each service's name in its own colour.
    await d.showLogsOf(null);
    const names = page.locator('.log-svc');
    await expect(names.filter({ hasText: 'valkey' }).first()).toBeVisible();
    const colour = (name: string) => names.filter({ hasText: name }).first().getAttribute('style');
    await expect(names.filter({ hasText: 'atom-backend' }).first()).toBeVisible({ timeout: 30_000 });
    expect(await colour('valkey')).not.toBe(await colour('atom-backend'));
    await d.screenshots(testInfo, 'logs-merged');
  } finally {
    await stack.cli(['down', '-f', stack.file, '-p', stack.project]);
  }
});
