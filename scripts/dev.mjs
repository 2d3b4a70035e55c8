#!/usr/bin/env node
// `npm start`: Vite dev server for renderer/, main + preload rebuilt on change, and
// Electron launched on the dev URL (ATOM_DEV_URL, honoured only when not packaged).
// A main/preload rebuild restarts Electron; renderer edits hot-reload through Vite.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'vite';
import { ROOT, OUT_DIR, watchElectron } from './build-electron.mjs';
import { electronBinary, electronEnv } from './electron-binary.mjs';

const binary = electronBinary(ROOT);
if (!binary) {
  console.error(
    'dev: no Electron binary (node_modules/electron/dist is empty). Install it, or set ELECTRON_PATH; `npm run serve` runs the UI in a browser instead.',
  );
  process.exit(1);
}

const vite = await createServer({ configFile: join(ROOT, 'renderer', 'vite.config.ts'), server: { host: '127.0.0.1', strictPort: false } });
await vite.listen();
const devUrl = vite.resolvedUrls?.local[0];
if (!devUrl) {
  console.error('dev: Vite did not report a local URL');
  await vite.close();
  process.exit(1);
}
console.log(`dev: renderer at ${devUrl}`);

let child = null;
let restarting = false;
let shuttingDown = false;

function launch() {
  child = spawn(binary, [join(OUT_DIR, 'main.cjs')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: electronEnv(process.env, { ATOM_DEV_URL: devUrl, NODE_ENV: 'development' }),
  });
  child.on('exit', (code) => {
    child = null;
    if (restarting) {
      restarting = false;
      launch();
    } else if (!shuttingDown) {
      // The user closed the app: end the dev session with it.
      void shutdown(code ?? 0);
    }
  });
}

function restart() {
  if (!child) return launch();
  restarting = true;
  child.kill('SIGTERM');
}

// Both bundles report after each build: launch once both exist, then restart on edits
// (debounced, a save often rebuilds both).
let initialPending = 2;
let restartTimer = null;
const stopWatching = await watchElectron((errors) => {
  if (errors.length > 0) {
    console.error(`dev: main/preload build failed (${errors.length} errors); keeping the running app`);
    return;
  }
  if (initialPending > 0) {
    initialPending -= 1;
    if (initialPending === 0) launch();
    return;
  }
  clearTimeout(restartTimer);
  restartTimer = setTimeout(() => {
    console.log('dev: main/preload rebuilt, restarting Electron');
    restart();
  }, 200);
});

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  child?.kill('SIGTERM');
  await stopWatching();
  await vite.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
