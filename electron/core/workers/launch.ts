// Where the core's worker threads' code is: beside the bundle that runs (the CLI's and
// the Electron main's bundlers emit `<name>-worker.<ext>` and say the extension here),
// or the TypeScript source when running from a checkout.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Set by the bundlers to the worker bundles' extension ('.mjs', '.cjs'); undefined when running from source. */
declare const __WORKER_EXT__: string | undefined;

/** Each worker and its source, relative to this folder. */
export const CORE_WORKERS = {
  recorder: '../recorder/worker.ts',
  payload: '../traffic/payload-worker.ts',
} as const;

export type CoreWorkerName = keyof typeof CORE_WORKERS;

/** The bundle's file name for a worker (the bundlers name their outputs with it). */
export const workerBundleName = (name: CoreWorkerName, ext: string): string => `${name}-worker${ext}`;

export function startCoreWorker(name: CoreWorkerName): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  if (typeof __WORKER_EXT__ === 'string') return new Worker(join(here, workerBundleName(name, __WORKER_EXT__)));
  return new Worker(join(here, 'worker-tsx.mjs'), { workerData: { entry: pathToFileURL(join(here, CORE_WORKERS[name])).href } });
}
