import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, electronBinaryPath } from './target';

// Specs are written once and run per target: `web` (atom-desktop serve in Debian's
// Chromium, always) and `electron` (_electron.launch, wherever the binary exists).
const wanted = (process.env.ATOM_E2E_TARGETS ?? 'web,electron').split(',');
const targets = wanted.filter((t) => t === 'web' || (t === 'electron' && electronBinaryPath() !== null));
if (targets.length === 0) throw new Error(`No e2e target can run (asked for ${wanted.join(', ')})`);
if (wanted.includes('electron') && !targets.includes('electron')) {
  // Said out loud: the same specs did not run against Electron on this machine.
  console.warn(
    'e2e: target "electron" NOT run: no Electron binary (set ELECTRON_PATH or install node_modules/electron/dist); running "web" only',
  );
}

export default defineConfig({
  testDir: './specs',
  globalSetup: './global-setup.ts',
  outputDir: '../test-results/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: '../test-results/reports/e2e.json' }],
    ['html', { open: 'never', outputFolder: '../playwright-report' }],
  ],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    browserName: 'chromium',
    // Debian's Chromium: Playwright never downloads a browser here.
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: targets.map((name) => ({ name, metadata: { target: name } })),
});
