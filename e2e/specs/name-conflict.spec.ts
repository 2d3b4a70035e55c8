// A container in the way of the stack's name (made by hand, in no compose project): Start
// names it and whose it is, and offers a way forward. "Keep it" keeps it; confirming
// removes exactly that container and starts the stack, whose own container then has the name.
import { execFileSync } from 'node:child_process';
import { test, expect } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';
import { fixtureEnv } from '../../electron/core/testing/fixtures';

const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const projectOf = (name: string): string => docker('inspect', '-f', '{{index .Config.Labels "com.docker.compose.project"}}', name);

test('a name taken by another container is explained, and removed only when the user confirms', async ({ page, stack }, testInfo) => {
  const d = new DashboardPage(page);
  const name = stack.env.VALKEY_CONTAINER_NAME!;
  await expect(d.engineStatus).toHaveText(/Docker \d+\.\d+/, { timeout: 30_000 });
  const down = await stack.cli(['down', '-f', stack.file, '-p', stack.project]);
  expect(down.code, down.stderr).toBe(0);
  await expect(d.notCreated).toBeVisible();
  const squatter = docker('run', '-d', '--name', name, fixtureEnv().VALKEY_IMAGE, 'sleep', 'infinity');
  try {
    await d.startStop.click();
    await expect(d.stackError).toContainText(`the container name ${name} is taken`, { timeout: 90_000 });
    await expect(d.stackError).toContainText('no compose project');
    const remove = page.getByTestId('conflict-remove');
    await expect(remove).toHaveText(`Remove ${name}…`);

    await remove.click();
    const dialog = page.getByTestId('conflict-dialog');
    await expect(dialog.getByTestId('conflict-owner')).toContainText('no compose project');
    await expect(dialog.getByTestId('conflict-owner')).toContainText('running');
    await d.screenshots(testInfo, 'name-conflict');
    // The safe choice has the focus, and keeps the container.
    await expect(dialog.getByTestId('conflict-cancel')).toBeFocused();
    await dialog.getByTestId('conflict-cancel').click();
    await expect(dialog).toBeHidden();
    expect(docker('inspect', '-f', '{{.Id}}', name)).toBe(squatter);

    await remove.click();
    await page.getByTestId('conflict-confirm').click();
    await expect(d.startStop).toHaveText('Stop stack', { timeout: 120_000 });
    await expect(d.stackError).toBeHidden();
    // The name now belongs to the stack's own Valkey.
    expect(docker('inspect', '-f', '{{.Id}}', name)).not.toBe(squatter);
    expect(projectOf(name)).toBe(stack.project);
  } finally {
    // Whatever happened, the hand-made container does not outlive the test (gone already when the app removed it).
    try {
      execFileSync('docker', ['rm', '-f', squatter], { stdio: 'ignore' });
    } catch {
      // Already removed.
    }
  }
});
