// A Start that cannot succeed: the host port Valkey needs is taken. The user sees the
// core's message naming the port, the button is usable again, and nothing is left
// half-created (every service still reads "not created").
import { createServer, type Server } from 'node:net';
import { test, expect } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, '0.0.0.0', () => resolve(srv));
  });
}

test('a taken host port fails Start inline, naming the port, and leaves nothing behind', async ({ page, stack }, testInfo) => {
  const d = new DashboardPage(page);
  await expect(d.engineStatus).toHaveText(/Docker \d+\.\d+/, { timeout: 30_000 });
  // Independent of earlier specs on this worker's stack: start from nothing.
  const down = await stack.cli(['down', '-f', stack.file, '-p', stack.project]);
  expect(down.code, down.stderr).toBe(0);
  await expect(d.notCreated).toBeVisible();
  const blocker = await occupy(stack.valkeyPort);
  try {
    await d.startStop.click();
    await expect(d.stackError).toContainText(String(stack.valkeyPort), { timeout: 90_000 });
    await expect(d.startStop).toBeEnabled();
    // Exactly the idle label: 'Starting…' (still busy) must not pass.
    await expect(d.startStop).toHaveText('Start stack');
    await expect(d.notCreated).toBeVisible();
    await d.screenshots(testInfo, 'start-failed');
    const ps = await stack.cli(['ps', '--json', '-f', stack.file, '-p', stack.project]);
    expect(ps.code).toBe(0);
    const services = JSON.parse(ps.stdout) as { status: string }[];
    expect(services.map((s) => s.status)).toEqual(['absent', 'absent']);
  } finally {
    await new Promise((r) => blocker.close(r));
  }
});
