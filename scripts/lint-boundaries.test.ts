// The layering rules are only worth something if a violation fails lint: each case
// lints a one-line file placed in a layer and expects the named rule to fire.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer boundaries', () => {
  it.each([
    ['electron/core imports electron', 'electron/core/engine/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    [
      'electron/core imports the main layer',
      'electron/core/engine/bad.ts',
      "import { x } from '../../main/window';\nexport const y = x;\n",
    ],
    [
      'the renderer imports a Node built-in',
      'renderer/src/bad.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    ['the renderer imports electron/', 'renderer/src/bad.ts', "import { x } from '../../electron/core/app/host';\nexport const y = x;\n"],
    ['shared imports Node', 'shared/bad.ts', "import { join } from 'path';\nexport const x = join;\n"],
    ['shared imports from another folder', 'shared/bad.ts', "import { x } from '../electron/core/app/host';\nexport const y = x;\n"],
    ['the preload imports the core', 'electron/preload/bad.ts', "import { x } from '../core/app/host';\nexport const y = x;\n"],
  ])('%s fails lint', async (_name, file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it('shared may not touch DOM or Node globals', async () => {
    expect(await ruleIds('shared/bad.ts', 'export const x = window.location;\n')).toContain('no-restricted-globals');
  });

  it('allowed imports pass', async () => {
    expect(
      await ruleIds(
        'electron/core/app/ok.ts',
        "import { z } from 'zod';\nimport { join } from 'node:path';\nexport const x = [z, join];\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds('renderer/src/ok.ts', "import type { AtomApi } from '../../shared/contract';\nexport type X = AtomApi;\n"),
    ).toEqual([]);
  });
});
