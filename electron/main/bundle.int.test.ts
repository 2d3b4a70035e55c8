// The built main bundle (esbuild output, the core inside) boots under plain Node with a
// stubbed `electron`, against the real engine: handlers for every command, the secure
// window, IPC answers from the real core, events after READY, and a clean quit.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, OUT_DIR, ROOT } from '../../scripts/build-electron.mjs';
import { COMMAND_NAMES, commandChannel } from '../../shared/contract';
import { requireEngine } from '../core/testing/engine';

interface Report {
  exitCode?: number;
  error?: string;
  handlers: string[];
  loaded: string[];
  webPreferences: Record<string, unknown>;
  info: { ok: boolean; value?: { mode: string; version: string } };
  forbidden: { ok: boolean; error?: { code: string } };
  badArgs: { ok: boolean; error?: { code: string } };
  engine: { ok: boolean; value?: { status: string } };
  eventNames: string[];
  traversalStatus: number;
  quitPrevented: boolean;
}

let work: string;
let report: Report;
let stderr = '';

beforeAll(async () => {
  await requireEngine();
  await buildElectron();
  work = mkdtempSync(join(tmpdir(), 'atom-bundle-'));
  const stub = join(work, 'electron-stub.cjs');
  await build({
    entryPoints: [join(ROOT, 'electron/main/testing/electron-stub.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: stub,
    logLevel: 'warning',
  });
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'electron/main/testing/bundle-harness.cjs'), '-e', ''], {
      cwd: ROOT,
      env: {
        ...process.env,
        ATOM_STUB: stub,
        ATOM_MAIN: join(OUT_DIR, 'main.cjs'),
        ATOM_USER_DATA: join(work, 'user-data'),
        ATOM_DESKTOP_SETTINGS: join(work, 'settings.json'),
        // A project of its own: never touches anyone's running stack.
        ATOM_DESKTOP_PROJECT: `atombundle${process.pid}`,
        ATOM_DEV_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(kill);
      resolve(out);
    });
  });
  const line = output.split('\n').find((l) => l.startsWith('HARNESS '));
  if (!line) throw new Error(`the bundle printed no report.\nstdout:\n${output}\nstderr:\n${stderr}`);
  report = JSON.parse(line.slice('HARNESS '.length)) as Report;
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('built main bundle under a stubbed electron', () => {
  it('registers one IPC handler per contract command', () => {
    expect(report.error).toBeUndefined();
    expect(report.handlers.sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
  });

  it('opens the secure window on app://atom', () => {
    expect(report.loaded).toEqual(['app://atom/index.html']);
    expect(report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(report.webPreferences.preload)).toBe(join(OUT_DIR, 'preload.cjs'));
  });

  it('answers through the real core, refusing foreign senders and bad arguments', () => {
    expect(report.info).toMatchObject({ ok: true, value: { mode: 'electron' } });
    expect(report.forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(report.badArgs).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(report.engine).toMatchObject({ ok: true, value: { status: 'connected' } });
  });

  it('sends the snapshot events once the page is ready, and serves no file outside the renderer', () => {
    expect(report.eventNames).toEqual(expect.arrayContaining(['engine.state', 'stack.snapshot', 'settings.changed']));
    expect([403, 404]).toContain(report.traversalStatus);
  });

  it('quits through the coordinator: before-quit held, core shut down, exit 0', () => {
    expect(report.quitPrevented).toBe(true);
    expect(report.exitCode).toBe(0);
  });
});
