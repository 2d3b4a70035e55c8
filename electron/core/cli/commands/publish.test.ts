import { agentMessage } from '../../../../shared/testing/messages';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './publish';
import { formatLine } from './monitor';

describe('atom-desktop publish (argument errors, before any connection)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('rejects bad --data JSON, non-objects, missing topics and bad URLs with exit 2', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['--topic', 'global', '--data', '{bad'])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/--data is not valid JSON/);
    expect(await run(['--topic', 'global', '--data', '[1]'])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/--data must be a JSON object, got an array/);
    expect(await run(['--data', '{}'])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/at least one non-empty --topic/);
    expect(await run(['--url', 'http://x', '--topic', 'g', '--data', '{}'])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/scheme must be redis:\/\//);
    expect(await run(['--bogus'])).toBe(2);
  });
});

describe('atom-desktop monitor line format', () => {
  it('shows time, kind, the summary line and every channel on one line', () => {
    const line = formatLine(
      agentMessage({
        kind: 'atom',
        seq: 0,
        receivedAt: Date.UTC(2026, 0, 1, 12, 30, 45, 123),
        channels: ['agent_events:global', 'agent_events:alerts'],
        topics: ['global', 'alerts'],
        eventType: 'agent_post',
        agentId: 'a1',
        agentName: 'Alice',
        category: null,
        postType: 'alert',
        postId: 'p',
        createdAt: null,
        preview: 'Alice: disk\\nfull',
        size: 10,
      }),
    );
    expect(line).toBe('12:30:45.123  agent_post/alert  Alice: disk\\nfull  [agent_events:global agent_events:alerts]');
    const dm = formatLine(
      agentMessage({
        eventType: 'agent_post',
        postType: 'command',
        visibility: 'direct',
        preview: 'Alice → Bot (direct): go',
        channels: ['c'],
      }),
    );
    expect(dm).toBe('00:00:00.000  agent_post/command/direct  Alice → Bot (direct): go  [c]');
  });
});
