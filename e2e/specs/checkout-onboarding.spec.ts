// Opening an Atom checkout from Settings, as a new user does: .env created from
// .env.personal, the required keys listed with their messages, one left empty and
// refused, a secret generated, saved into .env with a backup; and an existing .env
// that must be kept.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATOM_CHECKOUT_COMPOSE } from '../../electron/core/compose/testdata/corpus';
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

function checkout(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'atom-checkout-')), 'atom');
  mkdirSync(dir);
  writeFileSync(join(dir, 'docker-compose-personal.yml'), ATOM_CHECKOUT_COMPOSE);
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  return dir;
}

test('a new checkout: .env from .env.personal, required keys filled, saved with a backup', async ({ page }) => {
  const d = new DashboardPage(page);
  const dir = checkout({ '.env.personal': '# Copy to .env and fill in\nSECRET_KEY=\nLOG_LEVEL=info\n' });
  await d.openTab('settings');
  const panel = page.getByTestId('checkout-panel');
  await panel.getByTestId('checkout-folder').fill(dir);
  await panel.getByTestId('checkout-open').click();
  await expect(panel.getByTestId('checkout-no-env')).toBeVisible();
  await panel.getByTestId('checkout-create-env').click();
  await expect(panel.getByTestId('checkout-status')).toHaveText('Created .env from .env.personal.');
  expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('# Copy to .env and fill in\nSECRET_KEY=\nLOG_LEVEL=info\n');

  const secret = panel.getByTestId('checkout-var-SECRET_KEY');
  await expect(secret).toContainText('SECRET_KEY must be set in .env');
  await expect(secret).toContainText('missing');
  // Values are masked like every secret.
  await expect(panel.getByTestId('checkout-value-SECRET_KEY')).toHaveAttribute('type', 'password');
  await panel.getByTestId('checkout-value-SECRET_KEY').fill('typed-secret');
  // ENCRYPTION_KEY left empty: refused, naming it and its message.
  await panel.getByTestId('checkout-save').click();
  await expect(panel.getByTestId('checkout-status')).toHaveText('Still required: ENCRYPTION_KEY (ENCRYPTION_KEY must be set in .env)');
  await expect(panel.getByTestId('checkout-use')).toBeDisabled();

  await panel.getByTestId('checkout-generate-ENCRYPTION_KEY').click();
  await panel.getByTestId('checkout-save').click();
  await expect(panel.getByTestId('checkout-status')).toContainText('Saved into .env (the previous one is kept as');
  const env = readFileSync(join(dir, '.env'), 'utf8');
  expect(env).toMatch(/^# Copy to .env and fill in\nSECRET_KEY=typed-secret\nLOG_LEVEL=info\nENCRYPTION_KEY=[\w-]{43}\n$/);
  const backups = readdirSync(dir).filter((f) => f.startsWith('.env.backup-'));
  expect(backups).toHaveLength(1);
  expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe('# Copy to .env and fill in\nSECRET_KEY=\nLOG_LEVEL=info\n');
  await expect(secret).toContainText('set');

  // Using it points the settings at the checkout's file; put them back afterwards.
  await panel.getByTestId('checkout-use').click();
  await expect(panel.getByTestId('checkout-status')).toContainText(`Now using ${join(dir, 'docker-compose-personal.yml')}`);
  await expect(page.getByTestId('settings-stack-files')).toHaveValue(join(dir, 'docker-compose-personal.yml'));
  await page.getByTestId('settings-stack-files').fill('');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-stack-files')).toHaveValue('');
});

test('an existing .env is kept: no template offered, what is set stays, only the missing key is added', async ({ page }) => {
  const d = new DashboardPage(page);
  const dir = checkout({ '.env': 'SECRET_KEY=keep-me\n# mine\n', '.env.personal': 'SECRET_KEY=\n' });
  await d.openTab('settings');
  const panel = page.getByTestId('checkout-panel');
  await panel.getByTestId('checkout-folder').fill(dir);
  await panel.getByTestId('checkout-open').click();
  await expect(panel.getByTestId('checkout-info')).toBeVisible();
  await expect(panel.getByTestId('checkout-no-env')).toHaveCount(0);
  await expect(panel.getByTestId('checkout-var-SECRET_KEY')).toContainText('set');
  await expect(panel.getByTestId('checkout-var-ENCRYPTION_KEY')).toContainText('missing');
  await panel.getByTestId('checkout-value-ENCRYPTION_KEY').fill('enc');
  await panel.getByTestId('checkout-save').click();
  await expect(panel.getByTestId('checkout-status')).toContainText('Saved into .env');
  expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('SECRET_KEY=keep-me\n# mine\nENCRYPTION_KEY=enc\n');
  expect(existsSync(join(dir, '.env.personal'))).toBe(true);
});
