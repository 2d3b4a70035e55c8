// Picking another compose file from the settings: a broken file becomes a state with
// the precise problem (never a crash), commands refuse with COMPOSE_INVALID, and a
// good file replaces it live.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { okValue } from '../testing/ok-value';
import { requireEngine } from '../testing/engine';
import { waitFor } from '../testing/wait';
import { createCore } from './create-core';
import type { CoreHost } from './host';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('switching stack files through the settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atom-switch-'));
  const broken = join(dir, 'broken.yml');
  const good = join(dir, 'good.yml');
  writeFileSync(broken, 'services:\n  valkey:\n    image: valkey/valkey:8\n    portz: ["6379:6379"]\n');
  writeFileSync(
    good,
    'name: switched\nservices:\n  cache:\n    image: valkey/valkey:8\n  app:\n    image: busybox\n    environment:\n      API_TOKEN: t0k3n\n    depends_on: [cache]\n',
  );
  const settingsPath = join(dir, 'settings.json');
  writeFileSync(settingsPath, JSON.stringify({ stackFiles: [broken] }));
  let core: CoreHost | null = null;

  afterAll(async () => {
    await core?.shutdown();
  });

  it('reports a broken file precisely and refuses to operate it, then loads a good one', async () => {
    await requireEngine();
    core = await createCore({ mode: 'web', resourcesDir: ROOT, settingsPath, env: {} });

    const view = okValue(await core.dispatch('config.get', {}));
    expect(view.error).toContain(`${broken}:4:5: services.valkey: additional property 'portz' is not allowed`);
    const snap = okValue(await core.dispatch('stack.get', {}));
    expect(snap.lastError).toMatchObject({ code: 'COMPOSE_INVALID' });
    expect(await core.dispatch('stack.up', {})).toMatchObject({
      ok: false,
      error: { code: 'COMPOSE_INVALID', message: expect.stringContaining('portz') },
    });

    const updated = await core.dispatch('settings.update', { stackFiles: [good] });
    expect(updated).toMatchObject({ ok: true, value: { stackFiles: [good] } });
    const next = okValue(await core.dispatch('config.get', {}));
    expect(next.error).toBeNull();
    expect(next.project).toBe('switched');
    expect(next.services.map((s) => s.name)).toEqual(['cache', 'app']);
    // The secret is flagged and not sent; config.reveal answers for it.
    expect(next.services[1]!.environment).toEqual([{ key: 'API_TOKEN', value: null, secret: true, set: true, empty: false }]);
    expect(await core.dispatch('config.reveal', { service: 'app', key: 'API_TOKEN' })).toEqual({ ok: true, value: { value: 't0k3n' } });
    const stack = okValue(await core.dispatch('stack.get', {}));
    expect(stack.project).toBe('switched');
    expect(stack.lastError).toBeNull();
  });

  it('follows its files: an edited .env or compose file is read again without a restart', async () => {
    const live = join(dir, 'live');
    mkdirSync(live);
    const file = join(live, 'docker-compose.yml');
    writeFileSync(file, 'name: live\nservices:\n  cache:\n    image: "valkey/valkey:${TAG:-one}"\n');
    okValue(await core!.dispatch('settings.update', { stackFiles: [file] }));
    const image = async () => okValue(await core!.dispatch('config.get', {})).services.map((s) => `${s.name}=${s.image}`);
    expect(await image()).toEqual(['cache=valkey/valkey:one']);
    // A new .env beside the file (as the onboarding writes it).
    writeFileSync(join(live, '.env'), 'TAG=two\n');
    await waitFor('the .env is read again', async () => (await image())[0] === 'cache=valkey/valkey:two', 10_000, 100);
    // An edit of the compose file itself.
    writeFileSync(file, 'name: live\nservices:\n  cache:\n    image: "valkey/valkey:${TAG:-one}"\n  app:\n    image: busybox\n');
    await waitFor('the compose file is read again', async () => (await image()).length === 2, 10_000, 100);
    expect((await image()).sort()).toEqual(['app=busybox', 'cache=valkey/valkey:two']);
  });
});
