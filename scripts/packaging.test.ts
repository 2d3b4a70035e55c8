// The packaging config is what electron-builder accepts, ships what the app needs at
// the paths the shell looks for, and the fuses lock the binary down.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // @electron/fuses' marker in Electron binaries

const require = createRequire(import.meta.url);
const ROOT = join(__dirname, '..');
type Config = Record<string, unknown> & {
  extraResources: { from: string; to: string }[];
  files: string[];
  linux: { target: string[]; icon: string; category: string; maintainer: string };
  mac: { icon: string; target: string[] };
  win: { icon: string; target: string[] };
  afterPack: string;
};
const config = require('../electron-builder.config.cjs') as Config;
const fuses = require('./fuses.cjs') as { fuseConfig(env: Record<string, string>): Promise<Record<string, unknown>> };

describe('electron-builder config', () => {
  it('passes electron-builder’s own validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, log: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('has the identity, targets and icons', () => {
    expect(config).toMatchObject({ appId: 'dev.atom-desktop.app', productName: 'Atom Desktop', asar: true, npmRebuild: false });
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'renderer/dist/**', 'package.json']));
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Development');
    expect(config.linux.maintainer).toMatch(/.+<.+@.+>/);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const icon of [config.mac.icon, config.win.icon, join(config.linux.icon, '512x512.png')]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    }
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true);
  });

  it('packs only the node_modules the bundles load: ssh2 and its whole dependency tree', () => {
    expect(config.files).toContain('!node_modules/**');
    const kept = config.files.find((f) => f.startsWith('node_modules/{'))!;
    const listed = new Set(kept.slice('node_modules/{'.length, kept.indexOf('}')).split(','));
    const closure = new Set<string>();
    const visit = (name: string) => {
      if (closure.has(name)) return;
      closure.add(name);
      const pkg = require(`${name}/package.json`) as {
        dependencies?: Record<string, string>;
        optionalDependencies?: Record<string, string>;
      };
      for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep);
    };
    visit('ssh2');
    expect([...closure].sort()).toEqual([...listed].sort());
  });

  it('ships the compose file and demo backend with the repo layout, and the tray icons', () => {
    for (const r of config.extraResources) expect(existsSync(join(ROOT, r.from)), r.from).toBe(true);
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: 'docker-compose-personal.yml', to: 'docker-compose-personal.yml' },
        { from: 'docker-compose-cluster.yml', to: 'docker-compose-cluster.yml' },
        { from: 'resources/demo-backend', to: 'resources/demo-backend' },
        expect.objectContaining({ from: 'resources/icons', to: 'icons' }),
      ]),
    );
  });
});

describe('fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS and the inspector; on cookie encryption and asar-only', async () => {
    const f = await fuses.fuseConfig({});
    expect(f[FuseV1Options.RunAsNode]).toBe(false);
    expect(f[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(f[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(f[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(f[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('keeps the inspector arguments for e2e builds only', async () => {
    expect((await fuses.fuseConfig({ ATOM_E2E_BUILD: '1' }))[FuseV1Options.EnableNodeCliInspectArguments]).toBe(true);
    expect((await fuses.fuseConfig({ ATOM_E2E_BUILD: '1' }))[FuseV1Options.RunAsNode]).toBe(false);
  });

  it('the afterPack hook flips the wire of a binary carrying the fuse sentinel', async () => {
    // A stand-in executable: the sentinel, wire version 1, 9 fuses all enabled ('1').
    const dir = mkdtempSync(join(tmpdir(), 'atom-fuses-'));
    const exe = join(dir, 'atom-desktop');
    writeFileSync(
      exe,
      Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('111111111'), Buffer.alloc(64, 7)]),
    );
    const hook = require('./fuses.cjs') as (ctx: unknown) => Promise<void>;
    const prev = process.env.ATOM_E2E_BUILD;
    delete process.env.ATOM_E2E_BUILD;
    try {
      await hook({
        appOutDir: dir,
        electronPlatformName: 'linux',
        packager: { appInfo: { productFilename: 'Atom Desktop' }, executableName: 'atom-desktop' },
      });
    } finally {
      if (prev !== undefined) process.env.ATOM_E2E_BUILD = prev;
    }
    const wire = await getCurrentFuseWire(exe);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    rmSync(dir, { recursive: true, force: true });
  });
});
