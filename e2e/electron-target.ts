// The `electron` e2e target: launches the built app (dist/electron/main.cjs) with
// Playwright's _electron, in a fresh user-data dir, and hands back its window.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary as findElectronBinary, electronEnv } from '../scripts/electron-binary.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN_BUNDLE = join(ROOT, 'dist', 'electron', 'main.cjs');

/** ELECTRON_PATH, or node_modules/electron's binary; null when neither exists. */
export function electronBinary(): string | null {
  return findElectronBinary(ROOT);
}

export interface LaunchedElectron {
  app: ElectronApplication;
  page: Page;
  close(): Promise<void>;
}

export async function launchElectron(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<LaunchedElectron> {
  const executablePath = electronBinary();
  if (!executablePath) throw new Error('launchElectron: no Electron binary (set ELECTRON_PATH or install node_modules/electron/dist)');
  if (!existsSync(MAIN_BUNDLE)) throw new Error(`launchElectron: ${MAIN_BUNDLE} is missing; run npm run build first`);
  const userData = mkdtempSync(join(tmpdir(), 'atom-e2e-electron-'));
  const env = electronEnv(opts.env ?? process.env, {
    ATOM_DESKTOP_SETTINGS: opts.env?.ATOM_DESKTOP_SETTINGS ?? join(userData, 'settings.json'),
  });
  delete env.ATOM_DEV_URL; // always the packaged-style app:// renderer
  const app = await _electron.launch({
    executablePath,
    args: [MAIN_BUNDLE, `--user-data-dir=${userData}`],
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    cwd: ROOT,
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    close: async () => {
      // Skip the quit prompt: the e2e fixture tears the stack down itself.
      await app.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => undefined);
      await app.close().catch(() => undefined);
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
