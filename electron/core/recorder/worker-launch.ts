// Where the recorder's worker code is: beside the bundle that runs (the CLI's and the
// Electron main's bundlers emit it and name it here), or the TypeScript source.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Set by the bundlers to the worker bundle's file name; undefined when running from source. */
declare const __RECORDER_WORKER__: string | undefined;

export function startRecorderWorker(): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  if (typeof __RECORDER_WORKER__ === 'string') return new Worker(join(here, __RECORDER_WORKER__));
  return new Worker(join(here, 'worker-tsx.mjs'), { workerData: { entry: pathToFileURL(join(here, 'worker.ts')).href } });
}
