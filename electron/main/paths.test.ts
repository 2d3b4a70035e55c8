import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerUrl, resolveShellPaths } from './paths';

describe('resolveShellPaths', () => {
  it('uses the repo layout in development', () => {
    const p = resolveShellPaths({ isPackaged: false, resourcesPath: '/ignored', bundleDir: '/repo/dist/electron' });
    expect(p).toEqual({
      resourcesDir: '/repo',
      rendererDir: path.join('/repo', 'renderer', 'dist'),
      preloadPath: path.join('/repo', 'dist', 'electron', 'preload.cjs'),
      iconsDir: path.join('/repo', 'resources', 'icons'),
    });
  });
  it('uses process.resourcesPath when packaged', () => {
    const p = resolveShellPaths({
      isPackaged: true,
      resourcesPath: '/opt/Atom/resources',
      bundleDir: '/opt/Atom/resources/app.asar/dist/electron',
    });
    expect(p.resourcesDir).toBe('/opt/Atom/resources');
    expect(p.rendererDir).toBe('/opt/Atom/resources/app.asar/renderer/dist');
    expect(p.preloadPath).toBe('/opt/Atom/resources/app.asar/dist/electron/preload.cjs');
    expect(p.iconsDir).toBe('/opt/Atom/resources/icons');
  });
});

describe('devServerUrl', () => {
  it('honours ATOM_DEV_URL only when not packaged and http(s)', () => {
    expect(devServerUrl(false, { ATOM_DEV_URL: 'http://localhost:5173' })).toBe('http://localhost:5173/');
    expect(devServerUrl(true, { ATOM_DEV_URL: 'http://localhost:5173' })).toBeNull();
    expect(devServerUrl(false, {})).toBeNull();
    expect(devServerUrl(false, { ATOM_DEV_URL: 'file:///etc' })).toBeNull();
    expect(devServerUrl(false, { ATOM_DEV_URL: 'nonsense' })).toBeNull();
  });
});
