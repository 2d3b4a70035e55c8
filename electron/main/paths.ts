// Where things live: next to the bundle in development, in the app's resources folder
// (process.resourcesPath) when packaged.
import path from 'node:path';

export interface ShellPaths {
  /** Holds docker-compose-personal.yml and resources/demo-backend (same layout as the repo). */
  resourcesDir: string;
  /** renderer/dist, served on app://atom/. */
  rendererDir: string;
  preloadPath: string;
  iconsDir: string;
}

export interface PathInputs {
  isPackaged: boolean;
  /** process.resourcesPath (only meaningful when packaged). */
  resourcesPath: string;
  /** Folder of the running bundle: dist/electron in dev, <asar>/dist/electron packaged. */
  bundleDir: string;
}

export function resolveShellPaths({ isPackaged, resourcesPath, bundleDir }: PathInputs): ShellPaths {
  // The bundle sits at <root>/dist/electron both in the repo and inside app.asar.
  const appRoot = path.resolve(bundleDir, '..', '..');
  const resourcesDir = isPackaged ? resourcesPath : appRoot;
  return {
    resourcesDir,
    rendererDir: path.join(appRoot, 'renderer', 'dist'),
    preloadPath: path.join(bundleDir, 'preload.cjs'),
    // Icons travel as extra resources when packaged (the tray needs real files).
    iconsDir: isPackaged ? path.join(resourcesPath, 'icons') : path.join(appRoot, 'resources', 'icons'),
  };
}

/** The dev server URL, honoured only in an unpackaged run. */
export function devServerUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): string | null {
  if (isPackaged) return null;
  const url = env.ATOM_DEV_URL?.trim();
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
