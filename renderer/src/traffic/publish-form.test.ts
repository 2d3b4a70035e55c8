import { agentMessage } from '../../../shared/testing/messages';
import { describe, expect, it } from 'vitest';
import { publishSchema } from '../../../shared/contract';
import type { AgentMessage } from '../../../shared/traffic';
import { parsePublish, publishFromDetail } from './publish-form';

const message: AgentMessage = agentMessage({
  kind: 'atom',
  seq: 3,
  receivedAt: 0,
  channels: ['agent_events:global', 'agent_events:agent:orion'],
  topics: ['global', 'agent:orion'],
  eventType: 'agent_post',
  agentId: 'orion',
  agentName: 'Orion',
  category: 'research',
  postType: 'insight',
  postId: 'p1',
  createdAt: null,
  preview: 'x',
  size: 1,
});

describe('publish form', () => {
  it('refuses data over the publish limit before sending, naming the limit', () => {
    const r = parsePublish({ topics: 'global', type: 'agent_post', data: JSON.stringify({ content: 'x'.repeat(1_200_000) }) });
    expect(r).toEqual({ ok: false, error: 'Data: 1.14 MiB is over the 1020.0 KiB a publish may carry.' });
    expect(parsePublish({ topics: 'global', type: 'agent_post', data: JSON.stringify({ content: 'x'.repeat(1000) }) }).ok).toBe(true);
  });

  it('parses topics, type and a JSON object into a request the contract accepts', () => {
    const r = parsePublish({ topics: 'global, agent:orion', type: 'agent_post', data: '{"content":"hi"}' });
    expect(r).toEqual({ ok: true, value: { topics: ['global', 'agent:orion'], type: 'agent_post', data: { content: 'hi' } } });
    if (r.ok) expect(publishSchema.safeParse(r.value).success).toBe(true);
  });

  it('names the field at fault', () => {
    expect(parsePublish({ topics: ' ', type: 't', data: '{}' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Topics:/) });
    expect(parsePublish({ topics: 'g', type: '', data: '{}' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Type:/) });
    expect(parsePublish({ topics: 'g', type: 't', data: '{oops' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Data: not valid JSON/),
    });
    expect(parsePublish({ topics: 'g', type: 't', data: '[1]' })).toMatchObject({
      ok: false,
      error: 'Data: must be a JSON object ({...}).',
    });
  });

  it('prefills from an Atom envelope: topics, event type and event.data', () => {
    const f = publishFromDetail({
      message,
      payload: { topics: ['global'], event: { type: 'agent_post', data: { content: 'hello', n: 1 } } },
      raw: '',
      truncated: false,
    });
    expect(f.topics).toBe('global, agent:orion');
    expect(f.type).toBe('agent_post');
    expect(JSON.parse(f.data)).toEqual({ content: 'hello', n: 1 });
  });

  it('prefills non-JSON payloads as content text', () => {
    const f = publishFromDetail({ message: { ...message, kind: 'text', eventType: null }, payload: null, raw: 'plain', truncated: false });
    expect(f.type).toBe('test');
    expect(JSON.parse(f.data)).toEqual({ content: 'plain' });
  });
});
