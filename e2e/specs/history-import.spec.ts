// Import in History: a colleague's export ("what my agents said between 14:00 and
// 14:10") is added to this stack's record from the page, in several pieces, and shown
// at once where it happened; a file with a bad line is refused naming the line, and
// adds nothing.
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

const DAY = 86_400_000;
const WORD = 'zephyrquartz';

/** One export line (the format History's Export writes) of an Atom agent_post. */
function line(at: number, i: number, content: string): string {
  const event = {
    type: 'agent_post',
    data: {
      id: `imp-${i}`,
      is_public: true,
      post_type: 'status',
      content,
      sender_type: 'agent',
      sender_id: 'agent-colleague',
      sender_name: 'Colleague Bot',
    },
  };
  return JSON.stringify({ at, channels: ['agent_events:global'], payload: JSON.stringify({ topics: ['global'], event }) });
}

test("a colleague's export is imported from History, shown where it happened, and a bad file is refused by its line", async ({
  page,
}, testInfo) => {
  const d = new DashboardPage(page);
  await expect(d.engineStatus).toHaveText(/Docker \d+\.\d+/, { timeout: 30_000 });
  await d.openTab('history');
  await expect(page.getByTestId('recorder-status')).toContainText('Recording', { timeout: 20_000 });
  const file = page.getByTestId('history-import-file');

  // Two days ago, 14:00 to 14:10 local time: outside the range in view.
  const start = new Date(Date.now() - 2 * DAY);
  start.setHours(14, 0, 0, 0);
  const t0 = start.getTime();

  const bad = [line(t0, 0, 'fine'), '{"at": "soon", "channels": ["agent_events:global"], "payload": "{}"}'].join('\n');
  await file.setInputFiles({ name: 'colleague-bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) });
  await expect(page.getByTestId('history-error')).toHaveText('colleague-bad.jsonl:2: "at" must be a time in ms');
  await expect(page.getByTestId('history-imported')).toHaveCount(0);

  // About 1.5 MB: several pieces of the upload. Three of its posts say the word.
  const filler = 'status report with enough text to make a realistic post of a few hundred bytes '.repeat(5);
  const lines = Array.from({ length: 3_000 }, (_, i) =>
    line(t0 + i * 200, i, i % 1000 === 7 ? `${WORD} found in run ${i}` : `${filler}${i}`),
  );
  const buffer = Buffer.from(`${lines.join('\n')}\n`);
  expect(buffer.length).toBeGreaterThan(1024 * 1024);
  await file.setInputFiles({ name: 'colleague.jsonl', mimeType: 'application/x-ndjson', buffer });
  const done = page.getByTestId('history-imported');
  await expect(done).toContainText('Imported 3,000 messages from colleague.jsonl', { timeout: 30_000 });
  await expect(page.getByTestId('history-error')).toHaveCount(0);
  // The view moved to their time: only they are in it (the bad file added nothing).
  await expect(page.getByTestId('history-matched')).toHaveText(/^Messages: 3,000\b/);
  await expect(page.getByTestId('history-messages')).toContainText('Colleague Bot');
  await d.screenshots(testInfo, 'history-imported');

  await page.getByTestId('history-search').fill(WORD);
  await expect(page.getByTestId('history-matched')).toHaveText(/^Messages: 3\b/);
  await expect(page.getByTestId('history-messages').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('history-messages')).toContainText(`${WORD} found in run 2007`);
});
