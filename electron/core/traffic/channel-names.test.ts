import { describe, expect, it } from 'vitest';
import { ChannelNames } from './channel-names';

describe('ChannelNames', () => {
  it('gives the same string for the same bytes, and the right one for every name', () => {
    const names = new ChannelNames();
    const chunk = Buffer.from('agent_events:globalagent_events:agent:a1');
    const a = names.name(chunk.subarray(0, 19));
    // The socket chunk is reused for later data: the kept name must not change with it.
    chunk.write('XXXXXXXXXXXXXXXXXXX', 0);
    expect(a).toBe('agent_events:global');
    expect(names.name(Buffer.from('agent_events:global'))).toBe(a);
    for (let i = 0; i < 2000; i++) expect(names.name(Buffer.from(`agent_events:agent:a${i}`))).toBe(`agent_events:agent:a${i}`);
    expect(names.name(Buffer.from('é:ü'))).toBe('é:ü');
    const long = 'x'.repeat(1000);
    expect(names.name(Buffer.from(long))).toBe(long);
  });
});
