// Starts the recorder worker from its TypeScript source (tests, `npm run serve` from a
// checkout): a worker thread does not inherit the parent's tsx loader.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';
register();
await import(workerData.entry);
