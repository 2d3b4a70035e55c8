// The bundled stack file must stay faithful to Atom Personal Edition.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLED_STACK } from './compose-v1';

type Service = Record<string, unknown> & { healthcheck: Record<string, unknown> };
const doc = parse(readFileSync(BUNDLED_STACK, 'utf8')) as { name: string; services: Record<string, Service> };

describe('docker-compose-personal.yml', () => {
  it('is the atom-personal project with exactly valkey and atom-backend', () => {
    expect(doc.name).toBe('atom-personal');
    expect(Object.keys(doc.services).sort()).toEqual(['atom-backend', 'valkey']);
  });

  it('runs Valkey in memory only, on overridable port and name, with a ping healthcheck', () => {
    const valkey = doc.services.valkey!;
    expect(valkey.image).toBe('${VALKEY_IMAGE:-valkey/valkey:8}');
    expect(valkey.container_name).toBe('${VALKEY_CONTAINER_NAME:-atom-personal-valkey}');
    expect(valkey.ports).toEqual(['127.0.0.1:${VALKEY_PORT:-6379}:6379']);
    expect(valkey.command).toEqual(['valkey-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no']);
    expect(valkey.healthcheck).toEqual({
      test: ['CMD', 'valkey-cli', 'ping'],
      interval: '10s',
      timeout: '5s',
      retries: 5,
      start_period: '10s',
    });
    expect(valkey.restart).toBe('unless-stopped');
    expect(valkey.volumes).toBeUndefined();
  });

  it('builds the backend from resources/demo-backend and starts it after a healthy Valkey', () => {
    const backend = doc.services['atom-backend']!;
    expect(backend.image).toBe('${ATOM_BACKEND_IMAGE:-atom-desktop/demo-backend:latest}');
    expect(backend.build).toEqual({ context: './resources/demo-backend', args: { BASE_IMAGE: '${DEMO_BASE_IMAGE:-python:3.12-slim}' } });
    expect(backend.environment).toEqual({ REDIS_URL: 'redis://valkey:6379', AGENT_RATE: '${AGENT_RATE:-2}' });
    expect(backend.ports).toEqual(['${ATOM_BACKEND_PORT:-8000}:8000']);
    expect(backend.depends_on).toEqual({ valkey: { condition: 'service_healthy' } });
    expect(backend.healthcheck).toMatchObject({ interval: '5s', timeout: '3s', retries: 5, start_period: '10s' });
    const test = backend.healthcheck.test as string[];
    expect(test.slice(0, 3)).toEqual(['CMD', 'python3', '-c']);
    expect(test[3]).toContain('http://localhost:8000/health/live');
    expect(backend.restart).toBe('unless-stopped');
  });
});
