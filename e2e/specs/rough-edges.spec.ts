// Rough edges a new user hit, each seen once: numbers with no explanation, and an error
// message that said its first words twice.
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

test('the traffic counters say what they count, and a bad regex is explained once', async ({ page }, testInfo) => {
  const d = new DashboardPage(page);
  await expect(d.engineStatus).toHaveText(/Docker \d+\.\d+/, { timeout: 30_000 });
  await d.openTab('messages');
  const counters = page.getByTestId('traffic-counters');
  await expect(counters.locator('.counter-label')).toContainText(['Deliveries', 'Messages', 'Shown', 'Evicted', 'Undecodable']);
  await expect(counters.locator('.counter', { hasText: 'Deliveries' })).toHaveAttribute('title', /once per topic channel/);
  await expect(counters.locator('.counter', { hasText: 'Messages' })).toHaveAttribute('title', /merged into one/);

  await page.getByTestId('filter-regex').check();
  await page.getByTestId('filter-text').fill('(');
  const error = page.getByTestId('traffic-error');
  await expect(error).toContainText('Invalid regular expression');
  expect(((await error.textContent()) ?? '').match(/invalid regular expression/gi)).toHaveLength(1);
  await d.screenshots(testInfo, 'messages-counters-explained');
  await page.getByTestId('filter-text').fill('');
  await page.getByTestId('filter-regex').uncheck();
});
