// Atom's real traffic in the dashboard: events published exactly as AgentEventBus does
// (json.dumps defaults, one copy per topic channel) show as sentences a person reads:
// a direct message as sender → recipient, a reaction on the post it reacts to, a
// graduation as its milestone.
import { Redis } from 'ioredis';
import { atomWire } from '../../shared/testing/python-json';
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard';

const post = (id: string, sender: Record<string, unknown>, content: string, extra: Record<string, unknown> = {}) => ({
  type: 'agent_post',
  data: { id, is_public: true, post_type: 'status', content, reactions: {}, created_at: '2026-03-04T05:06:07', ...sender, ...extra },
});
const OPS = { sender_type: 'agent', sender_id: 'agent-ops', sender_name: 'Ops Watcher' };
const SALES = { sender_type: 'agent', sender_id: 'agent-sales', sender_name: 'Sales Assistant' };
const ALICE = { sender_type: 'human', sender_id: 'user-alice', sender_name: 'Alice' };

test('direct messages, reactions and graduations read as sentences', async ({ page, stack }, testInfo) => {
  const d = new DashboardPage(page);
  // Only the events this test publishes: the demo agents stay quiet.
  const rate = stack.env.AGENT_RATE;
  stack.env.AGENT_RATE = '0';
  const up = await stack.cli(['up', '--wait', '--timeout', '120', '-f', stack.file, '-p', stack.project], 180_000);
  stack.env.AGENT_RATE = rate;
  expect(up.code, up.stderr).toBe(0);
  const pub = new Redis(`redis://127.0.0.1:${stack.valkeyPort}`, { maxRetriesPerRequest: 2 });
  try {
    await d.openTab('messages');
    const send = async (topics: string[], event: Record<string, unknown>) => {
      const wire = atomWire(topics, event);
      for (const c of wire.channels) await pub.publish(c, wire.payload);
    };
    const previews = d.messagesPanel.getByTestId('message-preview');
    // The core subscribes once it sees Valkey running: publish until the first post shows.
    await expect
      .poll(
        async () => {
          await send(['global', 'agent:agent-sales'], post('p-e2e-sales', SALES, 'e2e pipeline review is ready'));
          return previews.filter({ hasText: 'Sales Assistant: e2e pipeline review is ready' }).count();
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toBeGreaterThan(0);
    await send(
      ['global', 'agent:agent-ops', 'alerts'],
      post('p-e2e-ops', OPS, 'e2e disk usage on worker-3 at 93%', { post_type: 'alert' }),
    );
    await send(
      ['global', 'agent:user-alice'],
      post('p-e2e-dm', ALICE, 'Please draft the e2e renewal email', {
        is_public: false,
        recipient_type: 'agent',
        recipient_id: 'agent-sales',
        post_type: 'command',
      }),
    );
    await send(['post:p-e2e-ops', 'global'], {
      type: 'reaction_added',
      post_id: 'p-e2e-ops',
      sender_id: 'user-alice',
      emoji: '👍',
      reactions: { '👍': 2 },
    });
    await send(['global', 'alerts'], {
      type: 'graduation_milestone',
      agent_id: 'agent-sales',
      agent_name: 'Sales Assistant',
      from_maturity: 'INTERN',
      to_maturity: 'SUPERVISED',
      post_id: 'p-e2e-grad',
      timestamp: '2026-03-04T05:06:08',
    });

    await expect(previews.filter({ hasText: 'Alice → Sales Assistant (direct): Please draft the e2e renewal email' })).toHaveCount(1);
    await expect(previews.filter({ hasText: '👍 by Alice on a post by Ops Watcher' })).toHaveCount(1);
    await expect(previews.filter({ hasText: 'Sales Assistant graduated INTERN → SUPERVISED' })).toHaveCount(1);
    // The reaction shows on the post it reacts to, with its count.
    const opsPost = d.messageRows.filter({ hasText: 'Ops Watcher: e2e disk usage on worker-3 at 93%' });
    await expect(opsPost.getByTestId('message-reactions')).toHaveText('👍 2');

    // Direct only: just the DM; its detail names sender and recipient above the raw JSON.
    await page.getByTestId('filter-visibility').selectOption('direct');
    await expect(d.messageRows).toHaveCount(1);
    await d.messageRows.first().click();
    await expect(d.detail.getByTestId('detail-summary')).toHaveText('Alice → Sales Assistant (direct): Please draft the e2e renewal email');
    await expect(d.detail.getByTestId('detail-facts')).toContainText('Alice (user-alice) · human');
    await expect(d.detail.getByTestId('detail-facts')).toContainText('Sales Assistant (agent-sales)');
    await d.screenshots(testInfo, 'messages-atom-traffic');
    // Export downloads what the filter shows (fetched from the core in chunks).
    const exported = await d.exportMessages();
    expect(exported.map((r) => r.preview)).toEqual(['Alice → Sales Assistant (direct): Please draft the e2e renewal email']);
    await page.getByTestId('filter-visibility').selectOption('');

    // A post with 100,000 keys opens at once as a tree the core sends a page at a time.
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, { n: i }]));
    await send(['global'], post('p-e2e-wide', OPS, 'e2e a very wide payload', { extra: keys }));
    await d.messageRows.filter({ hasText: 'e2e a very wide payload' }).click();
    await expect(d.detailJson).toBeVisible();
    await d.detailJson.getByRole('button', { name: 'Expand data' }).click();
    await d.detailJson.getByRole('button', { name: 'Expand extra' }).click();
    const more = d.detailJson.getByTestId('json-more');
    await expect(more).toHaveText('Show 200 more (200 of 100,000 shown)');
    await more.click();
    await expect(more).toHaveText('Show 200 more (400 of 100,000 shown)');
    await d.detailJson.getByRole('button', { name: 'Expand k399' }).click();
    await expect(d.detailJson.getByText('n:', { exact: true }).last()).toBeVisible();
    await d.screenshots(testInfo, 'message-detail-100k-keys');
    await page.keyboard.press('Escape');

    // A burst: a batch carries only its newest messages, the others are read from the
    // core's buffer when the list scrolls to them.
    const burst = pub.pipeline();
    const BURST = 2_000;
    for (let i = 0; i < BURST; i++) {
      const wire = atomWire(['global'], post(`p-e2e-burst-${i}`, OPS, `e2e burst ${String(i).padStart(4, '0')}`));
      burst.publish('agent_events:global', wire.payload);
    }
    await burst.exec();
    await expect(previews.filter({ hasText: `e2e burst ${String(BURST - 1).padStart(4, '0')}` })).toHaveCount(1);
    await page.getByTestId('messages-list').evaluate((el) => (el.scrollTop = 0));
    await expect(previews.filter({ hasText: 'e2e burst 0000' })).toHaveCount(1);
    await expect(d.messagesPanel.getByTestId('pending-row')).toHaveCount(0);
  } finally {
    pub.disconnect();
    const down = await stack.cli(['down', '-f', stack.file, '-p', stack.project]);
    expect(down.code, down.stderr).toBe(0);
  }
});
