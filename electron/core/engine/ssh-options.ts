// How an ssh:// engine is reached, as OpenSSH would: keys from the agent
// (SSH_AUTH_SOCK) or the usual key files, read when connecting and never stored by us,
// and the host's key checked against ~/.ssh/known_hosts (hashed entries and
// [host]:port forms included). An unknown or changed key refuses the connection;
// the reason is kept so the error can say what to do.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { DiscoverEnv } from './discover';

const KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** Why the last host-key check for a host refused it, by host[:port]. */
const refusals = new Map<string, string>();

export function hostKeyRefusal(host: string, port: number): string | null {
  return refusals.get(hostLabel(host, port)) ?? null;
}

const hostLabel = (host: string, port: number): string => (port === 22 ? host : `[${host}]:${port}`);

interface KnownHost {
  patterns: string[];
  keyType: string;
  key: Buffer;
  marker: string | null;
}

/** The entries of a known_hosts file (comments and malformed lines skipped). */
export function parseKnownHosts(text: string): KnownHost[] {
  const out: KnownHost[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const f = line.split(/\s+/);
    const marker = f[0]!.startsWith('@') ? f.shift()! : null;
    if (f.length < 3) continue;
    out.push({ patterns: f[0]!.split(','), keyType: f[1]!, key: Buffer.from(f[2]!, 'base64'), marker });
  }
  return out;
}

function matches(pattern: string, label: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(label).digest('base64') === hash;
  }
  if (pattern.startsWith('!')) return false;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(label);
}

/**
 * The verdict on a host key: known (it matches an entry for the host), changed (the
 * host is listed with other keys: possibly an attack), revoked, or unknown (never seen:
 * the user must accept it first, as `ssh` asks on a first connection).
 */
export function checkHostKey(known: KnownHost[], host: string, port: number, key: Buffer): 'known' | 'changed' | 'revoked' | 'unknown' {
  const label = hostLabel(host, port);
  const entries = known.filter((k) => k.patterns.some((p) => matches(p, label)));
  if (entries.some((k) => k.marker === '@revoked' && k.key.equals(key))) return 'revoked';
  if (entries.some((k) => k.marker === null && k.key.equals(key))) return 'known';
  return entries.some((k) => k.marker === null) ? 'changed' : 'unknown';
}

export interface SshOptions {
  agent?: string;
  privateKey?: string;
  hostVerifier: (key: Buffer) => boolean;
}

/** ssh2 options for an engine at host:port: authentication from the agent or key files, and the known_hosts check. */
export function sshOptionsFor(host: string, port: number, d: DiscoverEnv): SshOptions {
  const sshDir = join(d.home, '.ssh');
  const agent = d.env.SSH_AUTH_SOCK || undefined;
  const keyFile = KEY_FILES.map((f) => join(sshDir, f)).find((p) => d.exists(p));
  const privateKey = !agent && keyFile ? (d.read(keyFile) ?? undefined) : undefined;
  return {
    ...(agent ? { agent } : {}),
    ...(privateKey ? { privateKey } : {}),
    hostVerifier: (key) => {
      const file = join(sshDir, 'known_hosts');
      const verdict = checkHostKey(parseKnownHosts(d.read(file) ?? ''), host, port, key);
      const label = hostLabel(host, port);
      if (verdict === 'known') {
        refusals.delete(label);
        return true;
      }
      refusals.set(
        label,
        verdict === 'unknown'
          ? `the host key of ${label} is not in ${file}: connect once with \`ssh ${port === 22 ? '' : `-p ${port} `}${host}\` and accept it if its fingerprint is right`
          : verdict === 'changed'
            ? `the host key of ${label} differs from the one in ${file}: someone may be intercepting the connection, or the host was reinstalled (check, then update ${file})`
            : `the host key of ${label} is marked @revoked in ${file}`,
      );
      return false;
    },
  };
}
