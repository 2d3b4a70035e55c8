// The core's worker threads, for the bundlers: each is its own bundle beside the main
// one, named `<name>-worker.<ext>` (electron/core/workers/launch.ts finds them so, and
// its CORE_WORKERS lists the same names: core-workers.test.ts keeps the two equal).
import { join } from 'node:path';

export const CORE_WORKER_ENTRIES = {
  recorder: 'electron/core/recorder/worker.ts',
  payload: 'electron/core/traffic/payload-worker.ts',
};

/** One esbuild target per worker, from `common` options, into `outDir` with extension `ext`. */
export function workerTargets(root, common, outDir, ext) {
  return Object.entries(CORE_WORKER_ENTRIES).map(([name, entry]) => ({
    ...common,
    entryPoints: [join(root, entry)],
    outfile: join(outDir, `${name}-worker${ext}`),
  }));
}
