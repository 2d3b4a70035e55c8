import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { containerDetails } from './container-details';

const info = {
  Id: 'abc123',
  Name: '/atom-personal-backend',
  Image: 'sha256:1',
  Created: '2026-12-01T10:00:00Z',
  Config: {
    Image: 'atom/backend:dev',
    Entrypoint: null,
    Cmd: ['uvicorn', 'main:app'],
    Env: ['REDIS_URL=redis://valkey:6379', 'OPENAI_API_KEY=sk-live-123', 'EMPTY_TOKEN=', 'PATH=/usr/bin'],
    Labels: { 'com.docker.compose.project': 'atom' },
  },
  Mounts: [
    { Type: 'bind', Source: '/home/u/atom/data', Destination: '/app/data', RW: true },
    { Type: 'volume', Name: 'v1', Source: '/var/lib/docker/volumes/v1/_data', Destination: '/app/node_modules', RW: false },
  ],
  NetworkSettings: { Networks: { 'atom-local': { IPAddress: '172.28.0.3', Gateway: '172.28.0.1', Aliases: ['atom-backend'] } } },
} as unknown as Dockerode.ContainerInspectInfo;

describe('container details', () => {
  it('masks secret-looking values in the core, and lists mounts, networks with addresses and labels', () => {
    const d = containerDetails('atom-backend', info);
    expect(d.env).toEqual([
      { key: 'EMPTY_TOKEN', value: null, secret: true, set: true, empty: true },
      { key: 'OPENAI_API_KEY', value: null, secret: true, set: true, empty: false },
      { key: 'PATH', value: '/usr/bin', secret: false, set: true, empty: false },
      { key: 'REDIS_URL', value: 'redis://valkey:6379', secret: false, set: true, empty: false },
    ]);
    expect(JSON.stringify(d)).not.toContain('sk-live-123');
    expect(d).toMatchObject({ name: 'atom-personal-backend', image: 'atom/backend:dev', command: ['uvicorn', 'main:app'] });
    expect(d.mounts).toEqual([
      { type: 'bind', source: '/home/u/atom/data', target: '/app/data', readOnly: false },
      { type: 'volume', source: 'v1', target: '/app/node_modules', readOnly: true },
    ]);
    expect(d.networks).toEqual([{ name: 'atom-local', ipAddress: '172.28.0.3', gateway: '172.28.0.1', aliases: ['atom-backend'] }]);
    expect(d.labels).toEqual({ 'com.docker.compose.project': 'atom' });
  });
});
