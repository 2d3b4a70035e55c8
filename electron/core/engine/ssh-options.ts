// How an ssh:// engine is reached, as OpenSSH would: keys from the agent
// (SSH_AUTH_SOCK) or the usual key files, read when connecting and never stored by us,
// and the host's key checked against ~/.ssh/known_hosts (hashed entries and
// [host]:port forms included). An unknown or changed key refuses the connection;
// the reason is kept so the error can say what to do.
import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DiscoverEnv } from './discover';

const KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** Why the last host-key check for a host refused it, by host[:port]. */
const refusals = new Map<string, string>();

/** A key a host presented on a first connection, waiting for the user to accept it. */
export interface PendingHostKey {
  /** host, or [host]:port, as known_hosts writes it. */
  label: string;
  keyType: string;
  /** SHA256:… as `ssh` and `ssh-keygen -l` show it. */
  fingerprint: string;
  key: Buffer;
  knownHosts: string;
}
const pending = new Map<string, PendingHostKey>();

export function hostKeyRefusal(host: string, port: number): string | null {
  return refusals.get(hostLabel(host, port)) ?? null;
}

/** The key an unknown host presented (null when it is known, changed or never asked). */
export function pendingHostKey(host: string, port: number): PendingHostKey | null {
  return pending.get(hostLabel(host, port)) ?? null;
}

/** OpenSSH's fingerprint of a key blob. */
export const fingerprintOf = (key: Buffer): string => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

/** The key type a blob starts with (ssh wire format: a length, then the name). */
function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const n = key.readUInt32BE(0);
  return n > 0 && n < 64 && key.length >= 4 + n ? key.subarray(4, 4 + n).toString('latin1') : 'unknown';
}

/**
 * Accepts the key an unknown host presented, as answering yes to ssh does: appended
 * to known_hosts. Only the pending key with this fingerprint: a client names what it
 * saw, and the core writes the key it got from the host itself.
 */
export function trustHostKey(fingerprint: string): PendingHostKey | null {
  const entry = [...pending.values()].find((p) => p.fingerprint === fingerprint);
  if (!entry) return null;
  mkdirSync(dirname(entry.knownHosts), { recursive: true, mode: 0o700 });
  appendFileSync(entry.knownHosts, `${entry.label} ${entry.keyType} ${entry.key.toString('base64')}\n`, { mode: 0o600 });
  pending.delete(entry.label);
  refusals.delete(entry.label);
  return entry;
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
        pending.delete(label);
        return true;
      }
      if (verdict === 'unknown') {
        pending.set(label, { label, keyType: keyTypeOf(key), fingerprint: fingerprintOf(key), key: Buffer.from(key), knownHosts: file });
      } else pending.delete(label);
      refusals.set(
        label,
        verdict === 'unknown'
          ? `the host key of ${label} is not in ${file} (${fingerprintOf(key)}): accept it in the app if that fingerprint is right, or connect once with \`ssh ${port === 22 ? '' : `-p ${port} `}${host}\``
          : verdict === 'changed'
            ? `the host key of ${label} differs from the one in ${file}: someone may be intercepting the connection, or the host was reinstalled (check, then update ${file})`
            : `the host key of ${label} is marked @revoked in ${file}`,
      );
      return false;
    },
  };
}
