import { describe, expect, it } from 'vitest';
import { COMPOSE_VERSION, L, containerLabels, containerName, dependsOnLabel, isUpToDate, networkLabels, volumeLabels } from './labels';
import { service, stack } from '../testing/stack-model';

describe('labels', () => {
  const db = service('db', { configHash: 'h-db' });
  const web = service('web', {
    configHash: 'h-web',
    v2ConfigHash: 'v2-web',
    labels: { team: 'x' },
    dependsOn: { db: { condition: 'service_healthy', required: true, restart: true } },
  });
  const model = stack('demo', [db, web], { configFiles: ['/p/a.yml', '/p/b.yml'], workingDir: '/p' });

  it('names containers as compose v2 does, container_name first', () => {
    expect(containerName(model, web)).toBe('demo-web-1');
    expect(containerName(model, service('x', { containerName: 'custom' }))).toBe('custom');
  });

  it('writes depends_on in compose v2 format', () => {
    expect(dependsOnLabel(web)).toBe('db:service_healthy:true');
    expect(dependsOnLabel(db)).toBe('');
  });

  it('labels containers so compose sees them as its own', () => {
    const l = containerLabels(model, web, 'sha256:abc');
    expect(l).toMatchObject({
      team: 'x',
      [L.project]: 'demo',
      [L.service]: 'web',
      [L.number]: '1',
      [L.oneoff]: 'False',
      [L.workingDir]: '/p',
      [L.configFiles]: '/p/a.yml,/p/b.yml',
      [L.version]: COMPOSE_VERSION,
      [L.image]: 'sha256:abc',
      [L.configHash]: 'v2-web',
      [L.ourHash]: 'h-web',
    });
    expect(COMPOSE_VERSION).toMatch(/^2\.\d+\.\d+$/);
  });

  it('labels networks and volumes with project and key', () => {
    expect(networkLabels(model, 'default')).toMatchObject({ [L.project]: 'demo', [L.network]: 'default' });
    const m2 = stack('demo', [db], { volumes: { data: { name: 'demo_data', external: false, driver: null, labels: { a: 'b' } } } });
    expect(volumeLabels(m2, 'data')).toEqual({ a: 'b', [L.project]: 'demo', [L.volume]: 'data', [L.version]: COMPOSE_VERSION });
  });

  it("decides recreate from our hash, else from compose v2's hash as v2 computes it", () => {
    expect(isUpToDate({ [L.ourHash]: 'h-web', [L.configHash]: 'other' }, web)).toBe(true);
    expect(isUpToDate({ [L.ourHash]: 'old', [L.configHash]: 'v2-web' }, web)).toBe(false);
    // Made by `docker compose up`: only v2's label.
    expect(isUpToDate({ [L.configHash]: 'v2-web' }, web)).toBe(true);
    expect(isUpToDate({ [L.configHash]: 'h-web' }, web)).toBe(false);
    expect(isUpToDate({ [L.configHash]: 'v1hash' }, web)).toBe(false);
    expect(isUpToDate(undefined, web)).toBe(false);
  });
});
