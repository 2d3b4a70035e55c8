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
        [{ group: ['**/electron/**', '**/renderer/**', '../*', 'electron/*'], message: 'shared/ imports nothing from the other folders.' }],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(
      [electronImport],
      [
        { group: ['electron/*'], message: 'electron/core must never import electron.' },
        {
          group: ['**/main/**', '**/preload/**', '**/renderer/**', '../../renderer/*'],
          message: 'electron/core must not import higher layers (main, preload, renderer).',
        },
      ],
    ),
  },
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
