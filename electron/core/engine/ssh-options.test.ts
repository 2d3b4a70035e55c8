import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DiscoverEnv } from './discover';
import { checkHostKey, fingerprintOf, hostKeyRefusal, parseKnownHosts, pendingHostKey, sshOptionsFor, trustHostKey } from './ssh-options';

const KEY = randomBytes(51);
const OTHER = randomBytes(51);
const b64 = (b: Buffer) => b.toString('base64');
const hashed = (label: string) => {
  const salt = randomBytes(20);
  return `|1|${b64(salt)}|${createHmac('sha1', salt).update(label).digest('base64')}`;
};

describe('known_hosts', () => {
  it('knows a host by name, by [host]:port and by a hashed entry; a different key is "changed"', () => {
    const known = parseKnownHosts(
      [
        '# comment',
        `build.example,10.0.0.5 ssh-ed25519 ${b64(KEY)}`,
        `[169.254.7.2]:2222 ssh-ed25519 ${b64(KEY)}`,
        `${hashed('vm.example')} ssh-ed25519 ${b64(KEY)}`,
        `@revoked old.example ssh-ed25519 ${b64(OTHER)}`,
      ].join('\n'),
    );
    expect(checkHostKey(known, 'build.example', 22, KEY)).toBe('known');
    expect(checkHostKey(known, '10.0.0.5', 22, KEY)).toBe('known');
    expect(checkHostKey(known, '169.254.7.2', 2222, KEY)).toBe('known');
    expect(checkHostKey(known, '169.254.7.2', 22, KEY)).toBe('unknown');
    expect(checkHostKey(known, 'vm.example', 22, KEY)).toBe('known');
    expect(checkHostKey(known, 'build.example', 22, OTHER)).toBe('changed');
    expect(checkHostKey(known, 'old.example', 22, OTHER)).toBe('revoked');
    expect(checkHostKey(known, 'new.example', 22, KEY)).toBe('unknown');
  });

  it('authenticates with the agent, else a key file, and refuses an unknown host saying what to do', () => {
    const files: Record<string, string> = {
      '/home/u/.ssh/id_ed25519': 'PRIVATE KEY',
      '/home/u/.ssh/known_hosts': `build.example ssh-ed25519 ${b64(KEY)}\n`,
    };
    const d: DiscoverEnv = { env: {}, home: '/home/u', platform: 'linux', exists: (p) => p in files, read: (p) => files[p] ?? null };
    const fromFile = sshOptionsFor('build.example', 22, d);
    expect(fromFile).toMatchObject({ privateKey: 'PRIVATE KEY' });
    expect(fromFile.hostVerifier(KEY)).toBe(true);
    expect(sshOptionsFor('build.example', 22, { ...d, env: { SSH_AUTH_SOCK: '/tmp/agent.sock' } })).toMatchObject({
      agent: '/tmp/agent.sock',
    });
    const stranger = sshOptionsFor('stranger.example', 2222, d);
    expect(stranger.hostVerifier(KEY)).toBe(false);
    expect(hostKeyRefusal('stranger.example', 2222)).toBe(
      `the host key of [stranger.example]:2222 is not in /home/u/.ssh/known_hosts (${fingerprintOf(KEY)}): accept it in the app if that fingerprint is right, or connect once with \`ssh -p 2222 stranger.example\``,
    );
    // Waiting for the user, with the fingerprint ssh would show.
    expect(pendingHostKey('stranger.example', 2222)).toMatchObject({ label: '[stranger.example]:2222', fingerprint: fingerprintOf(KEY) });
    expect(fingerprintOf(KEY)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    // A changed key is never offered for acceptance.
    expect(fromFile.hostVerifier(OTHER)).toBe(false);
    expect(hostKeyRefusal('build.example', 22)).toMatch(/differs from the one in/);
    expect(pendingHostKey('build.example', 22)).toBeNull();
    expect(trustHostKey('SHA256:nothing-waits-for-this')).toBeNull();
  });
});
