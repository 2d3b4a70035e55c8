// The dashboard driving a stack on a remote engine: a second dockerd on a test host of
// its own (a network namespace on a link-local address), reached as DOCKER_HOST=ssh://
// with the test's key and the host's key in known_hosts. Start and health come from
// that engine; the agents' messages come through an SSH tunnel, since the bundled file
// publishes Valkey on the remote host's loopback.
import { test, expect } from '@playwright/test';
import { fixtureEnv } from '../../electron/core/testing/fixtures';
import { startRemoteEngine } from '../../electron/core/testing/remote-engine';
import { DashboardPage } from '../pages/dashboard';
import { startServe, type ServedApp } from '../serve-process';
import { createStackEnv } from '../stack-env';

test('the dashboard starts and watches a stack on a remote engine over SSH', async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  const images = fixtureEnv();
  const engine = await startRemoteEngine({ images: [images.VALKEY_IMAGE, images.ATOM_BACKEND_IMAGE], ssh: true });
  let app: ServedApp | null = null;
  let closeElectron: (() => Promise<void>) | null = null;
  try {
    engine.ssh!.trust();
    const local = await createStackEnv('remote');
    const stack = { ...local, env: { ...local.env, ...engine.ssh!.env, AGENT_RATE: '20' } };
    if (testInfo.project.name === 'electron') {
      const { launchElectron } = await import('../electron-target');
      const launched = await launchElectron({ env: stack.env });
      closeElectron = launched.close;
      page = launched.page;
    } else {
      app = await startServe(stack);
      await page.goto(app.url);
    }
    const d = new DashboardPage(page);
    // The badge says which machine Start acts on.
    await expect(d.engineStatus).toHaveText(
      new RegExp(`^Docker \\d+\\.\\d+\\S* on ${engine.host.replace(/\./g, '\\.')} \\(DOCKER_HOST\\)$`),
      {
        timeout: 60_000,
      },
    );
    await d.startStop.click();
    await expect(d.serviceState('valkey')).toHaveText('Healthy', { timeout: 180_000 });
    await expect(d.serviceState('atom-backend')).toHaveText('Healthy', { timeout: 180_000 });
    await d.openTab('messages');
    await expect(d.messageRows.first()).toBeVisible({ timeout: 60_000 });
    await d.screenshots(testInfo, 'remote-engine');
    await d.openTab('services');
    await d.startStop.click();
    await expect(d.startStop).toHaveText('Start stack', { timeout: 120_000 });
  } finally {
    await app?.stop();
    await closeElectron?.();
    await engine.stop();
  }
});
