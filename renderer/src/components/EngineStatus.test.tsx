import { describe, expect, it } from 'vitest';
import { engineLabel } from './EngineStatus';

const connected = { status: 'connected' as const, version: '20.10.24', apiVersion: '1.41', os: 'linux', arch: 'amd64' };

describe('engineLabel', () => {
  it('names the machine a remote engine runs on, and why it was chosen', () => {
    expect(engineLabel({ ...connected, endpoint: 'unix:///var/run/docker.sock', source: 'Docker Engine' })).toBe('Docker 20.10.24');
    expect(engineLabel({ ...connected, endpoint: 'ssh://root@169.254.7.2', source: 'Settings' })).toBe(
      'Docker 20.10.24 on 169.254.7.2 (Settings)',
    );
    expect(engineLabel({ ...connected, endpoint: 'tcp://build.example:2376', source: 'context build' })).toBe(
      'Docker 20.10.24 on build.example (context build)',
    );
  });
});
