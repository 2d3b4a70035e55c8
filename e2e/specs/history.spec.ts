// The flight recorder from the dashboard, against the real stack: what the app saw is
// in History after the app is restarted (messages, log lines, health events), search
// and filters narrow it, the timeline picks a moment, a recorded message opens, and a
// replay publishes the selection again with its progress shown.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';
import { restartServe } from '../serve-process';

test('history: kept across a restart of the app, searched, on the timeline, replayed', async ({ page, stack, app }, testInfo) => {
  const d = new DashboardPage(page);
  const up = await stack.cli(['up', '--wait', '--timeout', '120', '-f', stack.file, '-p', stack.project], 180_000);
  expect(up.code, up.stderr).toBe(0);
  try {
    await d.openTab('messages');
    await expect(d.messageRows.first()).toBeVisible({ timeout: 60_000 });
    // Enough to look back on: a dozen messages, then quit and open the app again.
    await expect.poll(() => d.messageRows.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
    await page.waitForTimeout(600); // the last group commit
    // The record is on disk: another process (the CLI) reads it while the app writes.
    const record = join(dirname(stack.env.ATOM_DESKTOP_SETTINGS!), 'records', `${stack.project}.db`);
    const fromCli = await stack.cli(['history', '--record', record, '--limit', '5']);
    expect(fromCli.code, fromCli.stderr).toBe(0);
    expect(fromCli.stdout.trim().split('\n')).toHaveLength(5);
    // On the web target the app is restarted (serve quits and starts again on the same
    // data folder). The electron target's window belongs to the fixture, which cannot
    // relaunch it mid-test: there the History checks below run on the same app.
    if (app) {
      await restartServe(app, stack);
      await page.goto(app.url);
    }

    // The Messages table reads on into the record: the messages from before the restart
    // are above the live ones, past a seam, and open from the record.
    await d.openTab('messages');
    const list = page.getByTestId('messages-list');
    await expect(list).toBeVisible({ timeout: 30_000 });
    await list.focus();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('recorded-row').first()).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('recorded-row').first().click();
    await expect(d.detail).toContainText('Recorded message #');
    await page.keyboard.press('Escape');
    await d.screenshots(testInfo, 'messages-recorded');

    await d.openTab('history');
    const matched = page.getByTestId('history-matched');
    await expect(matched).toHaveText(/Messages: (\d{2,}|[1-9]\d*)/, { timeout: 20_000 });
    const before = Number((await matched.textContent())!.match(/Messages: ([\d,]+)/)![1]!.replace(/,/g, ''));
    expect(before).toBeGreaterThanOrEqual(12);
    await expect(page.getByTestId('recorder-status')).toContainText('Recording');
    await expect(page.getByTestId('history-logs-matched')).not.toHaveText('Log lines: 0');
    await expect(page.getByTestId('history-events')).toContainText('valkey: healthy');
    await expect(page.getByTestId('history-timeline')).toBeVisible();

    // A word of a recorded message finds it; an unknown word finds nothing.
    const first = page.getByTestId('history-messages').locator('li').last();
    const preview = (await first.locator('.grow').textContent())!;
    const word = preview.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 6)!;
    await page.getByTestId('history-search').fill(word);
    await expect(matched).not.toHaveText(/Messages: 0\b/);
    await expect(page.getByTestId('history-messages')).toContainText(word);
    await page.getByTestId('history-search').fill('zqxjkvnobodysaidthis');
    await expect(matched).toHaveText(/^Messages: 0/);
    await page.getByTestId('history-search').fill('');

    // A recorded message opens with its payload.
    await page.getByTestId('history-messages').locator('button').first().click();
    await expect(d.detail).toContainText('Recorded message #');
    await expect(d.detailJson).toBeVisible();

    // A moment on the timeline narrows the lists to it; zoom in and out again.
    const box = (await page.getByTestId('history-timeline').locator('svg').boundingBox())!;
    await page.mouse.click(box.x + box.width - 3, box.y + box.height / 2);
    await expect(page.getByTestId('history-moment')).toBeVisible();
    await page.getByTestId('history-zoom-in').click();
    await expect(page.getByTestId('history-timeline')).toContainText('one bar per');
    await page.getByTestId('history-range-15m').check();

    // Conversations: the demo's agents post, message each other directly and react.
    await page.getByTestId('history-range-1h').check();
    const talk = page.getByTestId('history-conversations');
    await expect(talk.getByTestId('agent-activity').locator('tbody tr').first()).toBeVisible();
    await expect(talk.getByTestId('history-threads')).toContainText('#');
    await expect(talk.getByTestId('talk-edges')).toContainText(/direct message|reaction|mention/);
    await talk.scrollIntoViewIfNeeded();
    await d.screenshots(testInfo, 'history-conversations');

    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await d.screenshots(testInfo, 'history');

    // Replay what is listed, as fast as possible: the plan first, then the progress.
    await page.getByTestId('history-agent').fill('agent-ops');
    await expect(matched).not.toHaveText(/Messages: …/);
    // Export it first: one JSON line per listed message, in the format history --import reads.
    const listed = Number((await matched.textContent())!.match(/Messages: ([\d,]+)/)![1]!.replace(/,/g, ''));
    const download = page.waitForEvent('download');
    await page.getByTestId('history-export').click();
    const lines = readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(listed);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      channels: expect.arrayContaining([expect.stringMatching(/^agent_events:/)]),
      payload: expect.any(String),
    });
    await page.getByTestId('history-replay').click();
    await expect(page.getByTestId('replay-plan')).toContainText('messages will be published again');
    await expect(page.getByTestId('replay-channels')).toContainText('agent_events:');
    await d.screenshots(testInfo, 'history-replay');
    await page.getByTestId('replay-speed-max').check();
    await page.getByTestId('replay-confirm').click();
    // Counts are grouped ("2,009"): a record of more than 999 messages is as good as a small one.
    await expect(page.getByTestId('replay-progress')).toContainText(/Done: ([\d,]+) of \1/, { timeout: 30_000 });
  } finally {
    await stack.cli(['down', '-f', stack.file, '-p', stack.project]);
  }
});
