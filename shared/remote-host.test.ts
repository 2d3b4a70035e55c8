import { describe, expect, it } from 'vitest';
import { remoteHostOf } from './remote-host';

describe('remoteHostOf', () => {
  it('is the host of a tcp or ssh engine, and null for a local one', () => {
    expect(remoteHostOf('tcp://169.254.7.2:2376')).toBe('169.254.7.2');
    expect(remoteHostOf('ssh://root@build.example')).toBe('build.example');
    expect(remoteHostOf('unix:///var/run/docker.sock')).toBeNull();
    expect(remoteHostOf('tcp://127.0.0.1:2375')).toBeNull();
    expect(remoteHostOf('tcp://localhost:2375')).toBeNull();
    expect(remoteHostOf(null)).toBeNull();
  });
});
