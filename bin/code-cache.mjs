// Runs a CommonJS bundle with V8's code cache: the code compiled in one run is kept on
// disk and handed back to V8 in the next, so a command does not parse and compile its
// modules again at every start (Node 20 has no such cache for ES modules). A cache that
// V8 refuses (another Node, other flags) is replaced; without one the bundle just compiles.
// The bundle must not call import(): a script run this way has no module loader
// (scripts/build-cli.test.ts checks the CLI's).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** Where caches live: ATOM_DESKTOP_CACHE_DIR, else the XDG cache folder. */
export function codeCacheDir(env = process.env) {
  if (env.ATOM_DESKTOP_CACHE_DIR) return join(env.ATOM_DESKTOP_CACHE_DIR, 'code-cache');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'atom-desktop', 'code-cache');
}

/**
 * One cache per bundle build (`id`, its content hash: V8 itself checks only the source's
 * length), command (each compiles different code) and Node build.
 */
export function cacheFileName(id, command) {
  const cmd = /^[a-z][a-z-]{0,31}$/.test(command) ? command : 'other';
  return `${id}-${cmd}-${process.version}-${process.arch}.v8`;
}

/**
 * Loads `file` (a CommonJS bundle whose content hash is in `${file}.id`) and returns its
 * exports, how the cache went ('accepted', 'rejected', 'absent', or 'off' when there is
 * no id, no command, or ATOM_DESKTOP_CODE_CACHE=off), and save(): writes the code
 * compiled so far when the cache was not accepted. Saving never throws: a read-only
 * home only costs speed.
 */
export function loadBundle(file, command, env = process.env) {
  let id = null;
  try {
    if (command && env.ATOM_DESKTOP_CODE_CACHE !== 'off') id = readFileSync(`${file}.id`, 'utf8').trim() || null;
  } catch {
    id = null;
  }
  const dir = codeCacheDir(env);
  const cachePath = id ? join(dir, cacheFileName(id, command)) : null;
  let cachedData;
  try {
    if (cachePath) cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  // The same wrapper Node gives a CommonJS file.
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, 'utf8')}\n});`;
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
  });
  const status = !cachePath ? 'off' : !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(pathToFileURL(file)), module, file, dirname(file));
  module.loaded = true;
  let saved = false;
  const save = () => {
    if (saved || !cachePath || status === 'accepted') return 'skipped';
    saved = true;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Caches of other builds are dead weight: keep only this build's.
      for (const f of readdirSync(dir)) if (f.endsWith('.v8') && !f.startsWith(`${id}-`)) rmSync(join(dir, f), { force: true });
      const tmp = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      renameSync(tmp, cachePath);
      return 'written';
    } catch {
      return 'failed';
    }
  };
  return { exports: module.exports, status, save };
}
