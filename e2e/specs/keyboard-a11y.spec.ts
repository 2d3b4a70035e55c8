// By keyboard alone: the message list is one Tab stop with arrow keys, Enter opens,
// Esc closes; '/' searches, '?' lists the shortcuts, Ctrl+K runs a command. And an
// axe-core scan of every screen: no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n  ')}`,
  );
  expect(report, report.join('\n')).toEqual([]);
}

test('keyboard journey, and no serious accessibility violation on any screen', async ({ page, stack }, testInfo) => {
  const d = new DashboardPage(page);
  const up = await stack.cli(['up', '--wait', '--timeout', '120', '-f', stack.file, '-p', stack.project], 180_000);
  expect(up.code, up.stderr).toBe(0);
  try {
    await expect(d.engineStatus).toHaveText(/Docker \d+\.\d+/, { timeout: 30_000 });
    await expect(d.serviceState('valkey')).toHaveText(/Healthy/, { timeout: 60_000 });
    await expectAccessible(page, 'services');

    // Ctrl+K: go to Messages by typing.
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('palette')).toBeVisible();
    await page.keyboard.type('go to mess');
    await expect(page.getByTestId('palette-entry')).toHaveText(['Go to Messages']);
    await expectAccessible(page, 'palette');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('palette')).toHaveCount(0);
    await expect(page.getByRole('tab', { name: 'Messages' })).toHaveAttribute('aria-selected', 'true');

    // The list is one Tab stop: focus it, move with the arrows, Enter opens, Esc closes.
    await expect(d.messageRows.first()).toBeVisible({ timeout: 30_000 });
    const list = page.getByTestId('messages-list');
    await list.focus();
    await page.getByTestId('traffic-pause').click();
    await list.focus();
    // End is the newest row; (Home is the top of the table, the record's older rows above the live ones.)
    await page.keyboard.press('End');
    const lastId = await d.messageRows.last().getAttribute('id');
    await expect(list).toHaveAttribute('aria-activedescendant', lastId!);
    await page.keyboard.press('ArrowUp');
    const secondId = await d.messageRows.nth(-2).getAttribute('id');
    await expect(list).toHaveAttribute('aria-activedescendant', secondId!);
    await page.keyboard.press('Enter');
    await expect(d.detail).toBeVisible();
    await expect(d.detail).toContainText(`Message #${secondId!.replace('msg-', '')}`);
    await expectAccessible(page, 'messages with detail');
    await page.keyboard.press('Escape');
    await expect(d.detail).toHaveCount(0);
    // No row is a Tab stop of its own.
    expect(await d.messageRows.evaluateAll((rows) => rows.filter((r) => r.tabIndex >= 0).length)).toBe(0);

    // '/' focuses this tab's search; '?' lists the shortcuts.
    await list.focus();
    await page.keyboard.press('/');
    await expect(page.getByTestId('filter-text')).toBeFocused();
    await page.getByTestId('filter-text').blur();
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts')).toContainText('Command palette');
    await expectAccessible(page, 'shortcuts');
    await d.screenshots(testInfo, 'shortcuts');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcuts')).toHaveCount(0);
    await page.getByTestId('traffic-pause').click();

    for (const tab of ['stats', 'logs', 'terminal', 'history', 'settings'] as const) {
      await d.openTab(tab);
      await expectAccessible(page, tab);
    }
    await d.openTab('logs');
    await page.keyboard.press('/');
    await expect(page.getByTestId('logs-search')).toBeFocused();

    await page.getByTestId('stack-menu').click();
    await page.getByTestId('stack-remove').click();
    await expectAccessible(page, 'remove dialog');
    await page.getByTestId('remove-cancel').click();
  } finally {
    await stack.cli(['down', '-f', stack.file, '-p', stack.project]);
  }
});
