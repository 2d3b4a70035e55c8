// Entry of the Electron main process (bundled to dist/electron/main.cjs).
import { app } from 'electron';
import { createCore } from '../core/app/create-core';
import { startShell } from './shell';

startShell({ createCore, bundleDir: __dirname }).catch((err: unknown) => {
  console.error('[atom-desktop] startup failed:', err);
  app.exit(1);
});
