// The layering rules are only worth something if a violation fails lint: each case
// lints a one-line file placed in a layer and expects the rule to fire with the
// message of that layer's rule (so a case cannot pass on some other complaint).
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

const importOf = (spec: string): string => `import { x } from '${spec}';\nexport const y = x;\n`;

describe('layer boundaries', () => {
  it.each([
    [
      'electron/core imports electron',
      'electron/core/engine/bad.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      'must never import electron',
    ],
    ['electron/core imports the main layer', 'electron/core/engine/bad.ts', importOf('../../main/window'), 'must not import higher layers'],
    [
      'the renderer imports a Node built-in',
      'renderer/src/bad.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'no Node built-ins',
    ],
    ['the renderer imports electron/', 'renderer/src/bad.ts', importOf('../../electron/core/app/host'), 'never electron/'],
    ['shared imports Node', 'shared/bad.ts', "import { join } from 'path';\nexport const x = join;\n", 'no Node built-ins'],
    [
      'shared imports from another folder',
      'shared/bad.ts',
      importOf('../electron/core/app/host'),
      'imports nothing from the other folders',
    ],
    [
      'the preload imports the core',
      'electron/preload/bad.ts',
      importOf('../core/app/host'),
      'only knows electron and the shared contract',
    ],
    // The core's inner layers: cli -> server -> app -> traffic | engine -> compose.
    [
      'compose imports the engine',
      'electron/core/compose/bad.ts',
      importOf('../engine/connection'),
      'electron/core/compose must not import',
    ],
    ['the engine imports the app', 'electron/core/engine/bad.ts', importOf('../app/host'), 'electron/core/engine must not import'],
    ['the engine imports traffic', 'electron/core/engine/bad.ts', importOf('../traffic/monitor'), 'electron/core/engine must not import'],
    [
      'traffic imports the engine',
      'electron/core/traffic/bad.ts',
      importOf('../engine/connection'),
      'electron/core/traffic must not import',
    ],
    ['the app imports the server', 'electron/core/app/bad.ts', importOf('../server/web-server'), 'electron/core/app must not import'],
    ['the app imports the cli', 'electron/core/app/bad.ts', importOf('../cli/paths'), 'electron/core/app must not import'],
    ['the server imports the cli', 'electron/core/server/bad.ts', importOf('../cli/paths'), 'electron/core/server must not import'],
    ['a module imports a test helper', 'electron/core/app/bad.ts', importOf('../testing/engine'), 'Only tests import test helpers'],
  ])('%s fails lint', async (_name, file, code, message) => {
    const found = await problems(file, code);
    expect(
      found.some((p) => p.startsWith('no-restricted-imports: ') && p.includes(message)),
      found.join('\n'),
    ).toBe(true);
  });

  it('shared may not touch DOM or Node globals', async () => {
    expect((await problems('shared/bad.ts', 'export const x = window.location;\n')).join('\n')).toContain('no-restricted-globals');
  });

  it('allowed imports pass', async () => {
    expect(
      await problems(
        'electron/core/app/ok.ts',
        "import { z } from 'zod';\nimport { join } from 'node:path';\nexport const x = [z, join];\n",
      ),
    ).toEqual([]);
    expect(
      await problems('renderer/src/ok.ts', "import type { AtomApi } from '../../shared/contract';\nexport type X = AtomApi;\n"),
    ).toEqual([]);
    // Downward imports inside the core, and tests reaching for helpers, are allowed.
    expect(await problems('electron/core/cli/ok.ts', importOf('../app/stack-core'))).toEqual([]);
    expect(await problems('electron/core/app/ok.ts', importOf('../engine/connection'))).toEqual([]);
    expect(await problems('electron/core/engine/ok.ts', importOf('../compose/model'))).toEqual([]);
    expect(await problems('electron/core/app/ok.test.ts', importOf('../testing/engine'))).toEqual([]);
  });
});
