// A shell in a running service from the dashboard: the card's Terminal button opens
// it, the TTY has the size on screen and follows the window, copy and paste work, the
// shell can be chosen, it survives a tab switch and a flood of output, and its exit
// is reported.
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

test('terminal: open from a card, type, resize, copy and paste, choose the shell, exit', async ({ page, stack }, testInfo) => {
  const d = new DashboardPage(page);
  // The web target's page reads and writes the clipboard like a user's browser would.
  if (testInfo.project.name === 'web') await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const up = await stack.cli(['up', '--wait', '--timeout', '120', '-f', stack.file, '-p', stack.project], 180_000);
  expect(up.code, up.stderr).toBe(0);
  const screen = page.locator('.xterm-rows');
  const status = page.getByTestId('terminal-status');
  const type = async (line: string) => {
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  };
  try {
    await expect(d.serviceState('valkey')).toHaveText(/Healthy/, { timeout: 60_000 });
    await d.service('valkey').getByTestId('service-terminal').click();
    await expect(page.getByTestId('panel-terminal')).toBeVisible();
    await expect(status).toHaveText(/^valkey · [0-9a-f]{12} · Auto \(bash, else sh\) · \d+×\d+$/, { timeout: 15_000 });

    await type('echo "hi-$((6*7)) $0"');
    await expect(screen).toContainText('hi-42 bash');
    // Ctrl+K is the shell's (kill-line), not the command palette's, while the terminal has the keys.
    await page.keyboard.type('echo never-shown');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('palette')).toHaveCount(0);
    await page.keyboard.type('echo "after-$((1+1))"');
    await page.keyboard.press('Enter');
    await expect(screen).toContainText('after-2');
    await expect(screen).not.toContainText('never-shown');

    // The TTY is the size xterm shows, before and after the window changes.
    const sizeOnScreen = async () =>
      (await status.textContent())!
        .match(/(\d+)×(\d+)$/)!
        .slice(1)
        .map(Number);
    await type('echo "size=$(stty size)"');
    const [cols, rows] = await sizeOnScreen();
    await expect(screen).toContainText(`size=${rows} ${cols}`);
    await page.setViewportSize({ width: 1100, height: 760 });
    await expect.poll(async () => (await sizeOnScreen())[0]).not.toBe(cols);
    const [cols2, rows2] = await sizeOnScreen();
    await type('clear; echo "size=$(stty size)"');
    await expect(screen).toContainText(`size=${rows2} ${cols2}`);
    await d.screenshots(testInfo, 'terminal');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Paste from the clipboard, and copy a selection back (double-click selects a word).
    await page.evaluate("navigator.clipboard.writeText('echo pasted-$((40+2))-ok')");
    await page.getByTestId('terminal-paste').click();
    // The clipboard is read asynchronously and the terminal takes the focus after it:
    // Enter goes to the shell once the pasted line shows, as a person would press it.
    await expect(screen).toContainText('echo pasted-$((40+2))-ok');
    await expect(page.getByTestId('terminal-paste')).not.toBeFocused();
    await page.keyboard.press('Enter');
    const pasted = screen.locator('div', { hasText: /^pasted-42-ok\s*$/ });
    await expect(pasted).toHaveCount(1);
    // xterm takes the mouse on a layer above its rows: click where the word is.
    const at = (await pasted.boundingBox())!;
    await page.mouse.dblclick(at.x + 12, at.y + at.height / 2);
    await page.keyboard.press('Control+Shift+C');
    expect(await page.evaluate('navigator.clipboard.readText()')).toMatch(/pasted-42-ok/);

    // Another tab and back: the same shell, still answering.
    await d.openTab('logs');
    await d.openTab('terminal');
    await expect(screen).toContainText('pasted-42-ok');
    // A flood of output reaches the screen in full, read no faster than it is drawn.
    await type('yes 0123456789 | head -c 2000000 | wc -c; yes abc | head -n 20000 | tail -n 1; echo "flood-$((7*6))-done"');
    await expect(screen).toContainText('flood-42-done', { timeout: 30_000 });
    await expect(screen).toContainText('2000000');

    // sh instead of bash; then the exit code is reported.
    await page.getByTestId('terminal-shell').selectOption('sh');
    await page.getByTestId('terminal-open').click();
    await expect(status).toHaveText(/^valkey · [0-9a-f]{12} · sh · /);
    await type('echo "bash=[${BASH_VERSION:+yes}] shell=$0"');
    await expect(screen).toContainText('bash=[] shell=sh');
    await type('exit 3');
    await expect(status).toHaveText('The shell exited with code 3');
    await expect(screen).toContainText('[The shell exited with code 3]');
  } finally {
    await stack.cli(['down', '-f', stack.file, '-p', stack.project]);
  }
});
