// The payload worker thread: runs one PayloadJob at a time for the core, off its event
// loop, and answers with the result or the error's message.
import { parentPort } from 'node:worker_threads';
import { runPayloadJob, transferablesOf, type PayloadJob } from './payload-jobs';

export interface PayloadRequest {
  id: number;
  job: PayloadJob;
}
export type PayloadResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('the payload worker must run in a worker thread');

port.on('message', ({ id, job }: PayloadRequest) => {
  let answer: PayloadResponse;
  try {
    answer = { id, ok: true, value: runPayloadJob(job) };
  } catch (err) {
    answer = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer, answer.ok ? transferablesOf(answer.value) : []);
});
