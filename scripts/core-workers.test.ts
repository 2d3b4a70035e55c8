import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_WORKERS } from '../electron/core/workers/launch';
// @ts-expect-error: a plain ES module of the build scripts, without types
import { CORE_WORKER_ENTRIES } from './core-workers.mjs';

const ROOT = resolve(__dirname, '..');

describe('the core worker threads', () => {
  it('are the same list for the bundlers and for the launcher, and each source exists', () => {
    const launcher = Object.fromEntries(
      Object.entries(CORE_WORKERS).map(([name, rel]) => [name, join('electron/core/workers', rel).replaceAll('\\', '/')]),
    );
    expect(CORE_WORKER_ENTRIES).toEqual(launcher);
    for (const entry of Object.values(launcher)) expect(existsSync(join(ROOT, entry)), entry).toBe(true);
  });
});
