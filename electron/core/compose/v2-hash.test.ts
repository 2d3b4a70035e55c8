import { describe, expect, it } from 'vitest';
import { loadStack } from './load';
import { makeProject } from '../testing/compose-project';
import { asV2Service, v2ConfigHash, v2HashedText } from './v2-hash';

describe("compose v2's config hash", () => {
  it('adds what v2 always holds and leaves out what does not make the container differ', () => {
    const held = asV2Service({
      image: 'img:1',
      build: { context: '/x' },
      pull_policy: 'never',
      scale: 2,
      profiles: ['p'],
      depends_on: { db: { condition: 'service_started', required: true } },
      deploy: { replicas: 2 },
      extra_hosts: ['z:10.0.0.1', 'a:host-gateway'],
    });
    expect(v2HashedText(held)).toBe(
      '{"profiles":["p"],"command":null,"depends_on":{"db":{"condition":"service_started","required":true}},"deploy":{"resources":{},"placement":{}},"entrypoint":null,"extra_hosts":["a=host-gateway","z=10.0.0.1"],"image":"img:1"}',
    );
    // Scaling, rebuilding or pulling differently is not a new container.
    const rescaled = { ...held, deploy: { replicas: 5 }, build: undefined, pull_policy: undefined, scale: undefined };
    expect(v2ConfigHash(asV2Service(rescaled))).toBe(v2ConfigHash(held));
  });

  it('is the hash compose v2 2.26.1 wrote on its containers (labels read from docker compose create)', () => {
    // Two services of a file measured against v2: replicas with profiles, and scale with pull_policy.
    const image = 'atom-desktop/fixture-valkey:2924ddbe79a8';
    const s = {
      profiles: ['p'],
      command: null,
      deploy: { replicas: 2, resources: {}, placement: {} },
      entrypoint: null,
      image,
      networks: { default: null },
    };
    const t = { command: null, entrypoint: null, image, networks: { default: null }, pull_policy: 'never', scale: 2 };
    expect(v2ConfigHash(s)).toBe('193ef70243a3ae144fb50651eb714cd0e6e9f0de18f63e1890b2497737ab0b1a');
    expect(v2ConfigHash(t)).toBe('df60765d350893cc76304512f9cb097346314ee383ea3fbbdb140ea232b79942');
  });

  it("is in the model, apart from our own hash, and follows the file's short and long forms as v2 holds them", () => {
    const dir = makeProject({
      'docker-compose.yml':
        'services:\n  s:\n    image: img:1\n    volumes: ["data:/a", {type: volume, source: data, target: /b}]\n    networks: {n: {}}\nvolumes:\n  data:\nnetworks:\n  n:\n',
    });
    const { model } = loadStack({ files: ['docker-compose.yml'], cwd: dir, env: {} });
    const s = model.services.s!;
    expect(s.v2ConfigHash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.v2ConfigHash).not.toBe(s.configHash);
    expect(s.volumes.map((v) => v.volumeOptions ?? false)).toEqual([true, false]);
    expect(s.networks.n?.mapped).toBe(true);
  });
});
