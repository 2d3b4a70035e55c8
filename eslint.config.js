// Layering, enforced: shared <- electron/core <- electron/main|preload, shared <- renderer.
// A lower layer never imports a higher one (the VS Code rule), and each side only
// imports the runtime it actually runs in.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import prettierConfig from 'eslint-config-prettier';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronImport = { name: 'electron', message: 'electron/core runs in plain Node: it must never import electron.' };

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'];
const coreWide = [
  { group: ['electron/*'], message: 'electron/core must never import electron.' },
  {
    group: ['**/main/**', '**/preload/**', '**/renderer/**', '../../renderer/*'],
    message: 'electron/core must not import higher layers (main, preload, renderer).',
  },
];
const CORE_LAYERS = [
  { dir: 'compose', above: ['engine', 'traffic', 'app', 'server', 'cli'] },
  { dir: 'engine', above: ['traffic', 'app', 'server', 'cli'] },
  { dir: 'traffic', above: ['engine', 'app', 'server', 'cli'] },
  { dir: 'app', above: ['server', 'cli'] },
  { dir: 'server', above: ['cli'] },
  { dir: 'cli', above: [] },
];

const restrict = (paths, patterns) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'renderer/dist/**', 'test-results/**', 'playwright-report/**', '.cache/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      ...restrict(
        [
          ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node built-ins.' })),
          { name: 'electron', message: 'shared/ must not import electron.' },
          { name: 'react', message: 'shared/ must not import React.' },
        ],
        [
          {
            group: ['**/electron/**', '**/renderer/**', '**/scripts/**', '**/e2e/**', '**/bench/**', '**/resources/**', 'electron/*'],
            message: 'shared/ imports nothing from the other folders.',
          },
        ],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  { files: ['electron/core/**/*.ts'], rules: restrict([electronImport], coreWide) },
  // The core's inner layers, for its modules (tests may reach across): cli -> server ->
  // app -> traffic | engine -> compose. A module imports its own layer and the ones
  // below, never one above or beside, and never a test helper. (ESLint replaces, not
  // merges, a rule set twice, so each block repeats the core-wide rules.)
  ...CORE_LAYERS.map(({ dir, above }) => ({
    files: [`electron/core/${dir}/**/*.ts`],
    ignores: TEST_FILES,
    rules: restrict(
      [electronImport],
      [
        ...coreWide,
        ...(above.length > 0
          ? [
              {
                regex: `(^|/)(${above.join('|')})(/|$)`,
                message: `electron/core/${dir} must not import ${above.join(', ')}: the layers are cli -> server -> app -> traffic|engine -> compose.`,
              },
            ]
          : []),
        { regex: '(^|/)testing(/|$)', message: 'Only tests import test helpers (testing/ folders).' },
      ],
    ),
  })),
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      [],
      [{ group: ['**/core/**', '**/main/**', '**/renderer/**'], message: 'The preload only knows electron and the shared contract.' }],
    ),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict([], [{ group: ['**/renderer/**', '**/preload/**'], message: 'main must not import the renderer or the preload.' }]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [
        ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a page: no Node built-ins.' })),
        { name: 'electron', message: 'The renderer only knows the shared contract, never electron.' },
      ],
      [{ group: ['**/electron/**', 'electron/*'], message: 'The renderer only knows the shared contract, never electron/.' }],
    ),
  },
);
