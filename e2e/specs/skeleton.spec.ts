// Before anything is started: the page reaches the core, shows the engine version
// and lists the stack's services by name.
import { test, expect } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

test('shows the engine version and both services before Start', async ({ page }) => {
  const d = new DashboardPage(page);
  await expect(d.engineStatus).toHaveText(/Docker \d+\.\d+/, { timeout: 30_000 });
  await expect(d.service('valkey').getByTestId('service-name')).toHaveText('valkey');
  await expect(d.service('atom-backend').getByTestId('service-name')).toHaveText('atom-backend');
  await expect(d.page.getByRole('tab')).toHaveText(['Services', 'Stats', 'Logs', 'Terminal', 'Messages', 'History', 'Settings']);
});

test('loads without console errors or CSP violations', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // A console line for a failed load does not name the resource: the response does.
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.reload();
  const d = new DashboardPage(page);
  await expect(d.engineStatus).toHaveText(/Docker \d+\.\d+/, { timeout: 30_000 });
  await expect(d.service('valkey')).toBeVisible();
  expect(problems).toEqual([]);
});
