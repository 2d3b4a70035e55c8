// Picking another compose file from the settings: a broken file becomes a state with
// the precise problem (never a crash), commands refuse with COMPOSE_INVALID, and a
// good file replaces it live.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { okValue } from '../testing/ok-value';
import { requireEngine } from '../testing/engine';
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
});
