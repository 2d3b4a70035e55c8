// A child process for the crash test: the live pipeline (monitor + recorder) fed at a
// steady rate, printing what it has handed over, until it is killed.
import { TrafficMonitor } from '../../traffic/monitor';
import { Recorder } from '../recorder';

const [file, rateArg] = process.argv.slice(2);
if (!file) throw new Error('usage: flood-recorder.ts FILE [RATE]');
const rate = Number(rateArg ?? 10_000);
const TICK_MS = 10;
const recorder = new Recorder({ file, retention: { maxBytes: 1e12, maxAgeMs: 1e12 } });
const monitor = new TrafficMonitor();
monitor.setTap(recorder);
let n = 0;
const started = Date.now();
setInterval(() => {
  // Catch up to the rate, so a slow tick does not lower it.
  const due = Math.floor(((Date.now() - started) / 1000) * rate);
  for (; n < due; n++) {
    const payload = JSON.stringify({
      topics: ['global'],
      event: { type: 'agent_post', data: { id: `p${n}`, sender_id: 'flood', content: `message ${n}` } },
    });
    monitor.ingest('agent_events:global', Buffer.from(payload));
  }
  process.stdout.write(`${n} ${Date.now()}\n`);
}, TICK_MS);
