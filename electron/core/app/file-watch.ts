// Noticing that the stack's files changed: a fingerprint (mtime and size, or absent)
// of each file, and a watcher on their folders. Folders, not files, because editors
// save by writing a new file and renaming it over the old one.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** One line per file: path, then its mtime and size, or "absent". */
export function fingerprint(paths: readonly string[]): string {
  return paths
    .map((p) => {
      try {
        const s = statSync(p);
        return `${p}:${s.mtimeMs}:${s.size}`;
      } catch {
        return `${p}:absent`;
      }
    })
    .join('\n');
}

/**
 * Calls onChange (debounced) when any of `paths` is written, created, renamed or
 * removed. The watchers never keep the process alive. Returns a stop function.
 */
export function watchFiles(paths: readonly string[], onChange: () => void, debounceMs = 250): () => void {
  const names = new Map<string, Set<string>>();
  for (const p of paths) {
    const dir = dirname(p);
    if (!names.has(dir)) names.set(dir, new Set());
    names.get(dir)!.add(basename(p));
  }
  let timer: NodeJS.Timeout | null = null;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, debounceMs);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const [dir, files] of names) {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || files.has(String(name))) fire();
      });
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      // A folder that cannot be watched: Start still checks the fingerprint.
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
