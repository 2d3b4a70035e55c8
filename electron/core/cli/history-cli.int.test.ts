// `atom-desktop history` and `replay` as a user runs them, on a record written by the
// recorder's own code: filters, search, logs, events, export and import in both
// formats, and a replay to a real Valkey that a subscriber sees arrive.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomWire } from '../../../shared/testing/python-json';
import { BatchBuilder } from '../recorder/batch';
import { RecordDb } from '../recorder/record-db';
import { REPO_ROOT } from '../testing/compose-v1';
import { startValkey, type TestValkey } from '../testing/valkey';
import { waitFor } from '../testing/wait';

const CLI = join(REPO_ROOT, 'bin', 'atom-desktop.mjs');
const dir = mkdtempSync(join(tmpdir(), 'history-cli-'));
const record = join(dir, 'stack.db');
const T0 = Date.now() - 3_600_000;

const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'node',
      [CLI, ...args],
      { cwd: REPO_ROOT, timeout: 120_000, env: { ...process.env, XDG_CONFIG_HOME: dir } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });

let valkey: TestValkey;
beforeAll(async () => {
  const db = new RecordDb(record);
  const b = new BatchBuilder();
  const posts = [
    ['ops', 'Ops Watcher', 'Disk usage on the billing export at 93%.'],
    ['scout', 'Scout', 'Found three leads in the vendor API.'],
    ['ops', 'Ops Watcher', 'The nightly ingest finished.'],
  ];
  posts.forEach(([id, name, content], i) => {
    const w = atomWire(['global', `agent:${id}`], {
      type: 'agent_post',
      data: { id: `p${i}`, sender_type: 'agent', sender_id: id, sender_name: name, post_type: 'status', content },
    });
    b.message(i, T0 + i * 1000, w.channels[0]!, Buffer.from(w.payload));
    b.merge(i, w.channels[1]!);
  });
  b.log({ at: T0, service: 'atom-backend', stream: 'stderr', container: 'c1', text: 'ConnectionError: valkey refused' });
  b.event({ at: T0 + 500, source: 'health', service: 'atom-backend', status: 'unhealthy', message: 'curl: (7) failed' });
  db.append(b.take());
  while (db.indexStep() > 0);
  db.close();
  valkey = await startValkey();
}, 120_000);
afterAll(async () => {
  await valkey?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('atom-desktop history', () => {
  it('lists, filters and searches recorded messages, oldest first, with the match count', async () => {
    const all = await run(['history', '--record', record]);
    expect(all.code).toBe(0);
    expect(
      all.stdout
        .trim()
        .split('\n')
        .map((l) => /#(\d+)/.exec(l)![1]),
    ).toEqual(['1', '2', '3']);
    expect(all.stdout).toContain('Ops Watcher: Disk usage on the billing export at 93%.');
    expect(all.stdout).toContain('[agent_events:global agent_events:agent:ops]');
    const ops = await run(['history', '--record', record, '--agent', 'Ops Watcher', '--since', '2h']);
    expect(ops.stdout.trim().split('\n')).toHaveLength(2);
    expect(ops.stderr).toContain('2 of 2 matching messages');
    const found = await run(['history', '--record', record, '--search', 'vendor', '--json']);
    expect(JSON.parse(found.stdout.trim())).toMatchObject({ agentName: 'Scout', payload: { event: { data: { id: 'p1' } } } });
  });

  it('prints log lines and events', async () => {
    expect((await run(['history', '--record', record, '--logs', '--search', 'refused'])).stdout).toMatch(
      /atom-backend\s+ConnectionError: valkey refused/,
    );
    expect((await run(['history', '--record', record, '--events'])).stdout).toMatch(
      /health\s+atom-backend\s+unhealthy {2}curl: \(7\) failed/,
    );
  });

  it('exports a range to JSON Lines and to a record of its own, and imports them back', async () => {
    const jsonl = join(dir, 'out.jsonl');
    expect((await run(['history', '--record', record, '--agent', 'ops', '--export', jsonl])).stderr).toContain('exported 2 messages');
    const lines = readFileSync(jsonl, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.at, l.channels])).toEqual([
      [T0, ['agent_events:global', 'agent_events:agent:ops']],
      [T0 + 2000, ['agent_events:global', 'agent_events:agent:ops']],
    ]);
    const copy = join(dir, 'copy.db');
    expect((await run(['history', '--record', copy, '--import', jsonl])).stderr).toContain('imported 2 messages');
    expect((await run(['history', '--record', copy, '--search', 'nightly'])).stdout).toContain('The nightly ingest finished.');
    const asDb = join(dir, 'out.db');
    expect((await run(['history', '--record', record, '--until', String(T0 + 1500), '--export', asDb])).stderr).toContain(
      'exported 2 messages',
    );
    expect((await run(['history', '--record', asDb])).stdout.trim().split('\n')).toHaveLength(2);
  });

  it('names the flag, the line or the file at fault', async () => {
    expect(await run(['history', '--record', record, '--since', 'yesterday'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--since must be like 15m, 2h, 7d or an ISO time, got 'yesterday'"),
    });
    expect(await run(['history', '--record', join(dir, 'none.db')])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`no record at ${join(dir, 'none.db')}`),
    });
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"at": 1, "channels": ["a"], "payload": "x"}\n{"at": "soon"}\n');
    expect(await run(['history', '--record', join(dir, 'bad.db'), '--import', bad])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${bad}:2: "at" must be a time in ms`),
    });
    expect(await run(['history', '--record', record, '--search', '""'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Nothing to search for'),
    });
  });
});

describe('atom-desktop replay', () => {
  it('shows the plan, refuses without --yes and no terminal, then publishes where a subscriber sees it', async () => {
    const refused = await run(['replay', '--record', record, '--url', valkey.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /3 messages recorded .* on agent_events:global \(3\), agent_events:agent:ops \(2\), agent_events:agent:scout \(1\)/,
    );
    expect(refused.stderr).toContain('add --yes');
    const sub = new Redis(valkey.url);
    const got: string[] = [];
    await sub.psubscribe('agent_events:*');
    sub.on('pmessage', (_p, channel, payload) => got.push(`${channel} ${JSON.parse(payload).event.data.id}`));
    try {
      const r = await run(['replay', '--record', record, '--url', valkey.url, '--agent', 'ops', '--speed', 'x10', '--yes']);
      expect(r.stderr).toContain('done: 2 of 2 published');
      await waitFor('replayed posts', () => got.length >= 4, 10_000, 50);
      expect(got).toEqual(['agent_events:global p0', 'agent_events:agent:ops p0', 'agent_events:global p2', 'agent_events:agent:ops p2']);
    } finally {
      sub.disconnect();
    }
    expect(await run(['replay', '--record', record, '--speed', 'fast'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--speed must be one of original, x10, max, got 'fast'"),
    });
  });
});
