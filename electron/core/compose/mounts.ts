// Service volumes: short syntax `[SOURCE:]TARGET[:MODE]` and the long syntax. Bind
// sources are resolved against the project directory with `~` expanded; anything
// not path-like is a named volume.
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { VolumeMountModel } from './model';

export class MountError extends Error {}

const isPathLike = (s: string): boolean => s.startsWith('.') || s.startsWith('/') || s.startsWith('~') || isAbsolute(s);

export function resolveHostPath(p: string, projectDir: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/')) return resolve(homedir(), p.slice(2));
  return resolve(projectDir, p);
}

export function parseShortMount(spec: string, projectDir: string): VolumeMountModel {
  const parts = spec.split(':');
  if (parts.length === 1) {
    if (!parts[0]) throw new MountError(`empty volume specification`);
    return { type: 'volume', source: null, target: parts[0], readOnly: false, volumeOptions: true };
  }
  if (parts.length > 3) throw new MountError(`invalid volume specification ${JSON.stringify(spec)}: too many colons`);
  const [source, target, mode = ''] = parts as [string, string, string?];
  if (!source || !target) throw new MountError(`invalid volume specification ${JSON.stringify(spec)}`);
  const modes = mode.split(',').filter(Boolean);
  for (const m of modes) {
    if (
      ![
        'ro',
        'rw',
        'z',
        'Z',
        'shared',
        'rshared',
        'slave',
        'rslave',
        'private',
        'rprivate',
        'nocopy',
        'consistent',
        'cached',
        'delegated',
      ].includes(m)
    ) {
      throw new MountError(`invalid mode ${JSON.stringify(m)} in volume specification ${JSON.stringify(spec)}`);
    }
  }
  const readOnly = modes.includes('ro');
  if (isPathLike(source)) return { type: 'bind', source: resolveHostPath(source, projectDir), target, readOnly, createHostPath: true };
  return { type: 'volume', source, target, readOnly, volumeOptions: true };
}

const truthy = (v: unknown): boolean => v === true || v === 'true';

export function parseLongMount(entry: Record<string, unknown>, projectDir: string): VolumeMountModel {
  const type = String(entry.type);
  const target = entry.target == null ? '' : String(entry.target);
  if (!target) throw new MountError(`missing target in volume ${JSON.stringify(entry)}`);
  const readOnly = truthy(entry.read_only);
  const source = entry.source == null || entry.source === '' ? null : String(entry.source);
  if (type === 'bind') {
    if (!source) throw new MountError(`bind mount to ${target} needs a source`);
    const bind = entry.bind && typeof entry.bind === 'object' ? (entry.bind as Record<string, unknown>) : {};
    return { type: 'bind', source: resolveHostPath(source, projectDir), target, readOnly, createHostPath: truthy(bind.create_host_path) };
  }
  if (type === 'volume')
    return {
      type: 'volume',
      source,
      target,
      readOnly,
      ...(entry.volume && typeof entry.volume === 'object' ? { volumeOptions: true as const } : {}),
    };
  if (type === 'tmpfs') return { type: 'tmpfs', source: null, target, readOnly };
  throw new MountError(`volume type ${JSON.stringify(type)} is not supported (use bind, volume or tmpfs)`);
}
