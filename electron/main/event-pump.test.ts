import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import { EVENTS_CHANNEL, READY_CHANNEL } from '../../shared/contract';
import { attachEventPump, EventPump } from './event-pump';
import { StubWebContents } from './testing/electron-stub';
import { FakeCore } from './testing/fake-core';

const rates = (n: number): AppEvent => ({ name: 'traffic.rates', payload: { total: n } as never });

describe('EventPump', () => {
  it('queues until ready, flushes in one batch, then sends live', () => {
    const wc = new StubWebContents();
    const pump = new EventPump(wc);
    pump.push([rates(1)]);
    pump.push([rates(2), rates(3)]);
    expect(wc.sent).toEqual([]);
    expect(pump.queued).toBe(3);
    pump.markReady();
    expect(wc.sent).toEqual([{ channel: EVENTS_CHANNEL, args: [[rates(1), rates(2), rates(3)]] }]);
    pump.push([rates(4)]);
    expect(wc.sent[1]).toEqual({ channel: EVENTS_CHANNEL, args: [[rates(4)]] });
  });

  it('bounds its queue by dropping the oldest', () => {
    const pump = new EventPump(new StubWebContents(), 5);
    for (let i = 0; i < 8; i++) pump.push([rates(i)]);
    expect(pump.queued).toBe(5);
  });

  it('sends nothing to destroyed contents', () => {
    const wc = new StubWebContents();
    const pump = new EventPump(wc);
    pump.markReady();
    wc.destroyed = true;
    pump.push([rates(1)]);
    expect(wc.sent).toEqual([]);
  });
});

describe('attachEventPump', () => {
  it('waits for READY from the top frame and starts over from a snapshot on reload', () => {
    const wc = new StubWebContents();
    const core = new FakeCore();
    const pump = attachEventPump(wc as never, core);
    core.emit([rates(1)]);
    expect(wc.sent).toEqual([]);
    wc.ipc.fire(READY_CHANNEL, { senderFrame: { url: 'app://atom/index.html' } }); // a different frame object: an iframe
    expect(pump.isReady).toBe(false);
    wc.ipc.fire(READY_CHANNEL, { senderFrame: wc.mainFrame });
    expect(wc.sent).toHaveLength(1);
    expect((wc.sent[0]!.args[0] as AppEvent[]).map((e) => e.name)).toEqual(['stack.snapshot', 'traffic.rates']);

    // Same-document navigation (hash change) keeps the page; a reload does not.
    wc.fire('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    expect(pump.isReady).toBe(true);
    wc.fire('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(pump.isReady).toBe(false);
    expect(core.subscribeCount).toBe(2);
    core.emit([rates(2)]);
    expect(wc.sent).toHaveLength(1);
    wc.ipc.fire(READY_CHANNEL, { senderFrame: wc.mainFrame });
    expect((wc.sent[1]!.args[0] as AppEvent[]).map((e) => e.name)).toEqual(['stack.snapshot', 'traffic.rates']);
    expect(core.listeners.size).toBe(1);
    pump.stop();
    expect(core.listeners.size).toBe(0);
  });
});
