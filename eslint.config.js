// ESLint flat config: typescript-eslint's recommended rules, plus the layering rules (see ARCHITECTURE.md):
// no import cycles in src/ and web/, src/core free of Node, and src/node and web/ reaching core only through its facades.
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-output/', '**/*.changed'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycles (type-only imports are erased at run time and do not count).
    files: ['src/**/*.ts', 'web/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver()],
      // Cycles are ours to forbid; packages are never parsed (PGlite's minified chunks overflow the parser's stack).
      'import-x/ignore': ['node_modules'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/core runs in the browser: no Node built-ins.' },
            { group: ['**/node/**', '**/web/**'], message: 'src/core imports neither src/node nor web.' },
            { group: ['@kubernetes/client-node', 'node-pty', 'ws', 'commander'], message: 'Node-only package in src/core.' },
          ],
        },
      ],
    },
  },
  {
    // The seams: src/node and web/ reach core through its facades only.
    files: ['src/node/**/*.ts', 'web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**/*.ts', '!**/core/index.ts', '!**/core/sim/index.ts', '!**/core/page.ts', '!**/core/worker.ts'],
              message:
                'src/node and web/ import core through its facades only: src/core/index.ts, src/core/sim/index.ts, src/core/page.ts, src/core/worker.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The page's main thread loads no simulator: web/ (but the worker) imports core through src/core/page.ts.
    files: ['web/**/*.ts'],
    ignores: ['web/worker.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**/*.ts', '!**/core/page.ts'],
              message: 'web/ (but web/worker.ts) imports core through src/core/page.ts only: the simulator stays in worker.js.',
            },
          ],
        },
      ],
    },
  },
);
