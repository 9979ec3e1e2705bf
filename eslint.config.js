// ESLint flat config: typescript-eslint's recommended rules, plus the core layering rule.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-output/', '**/*.changed'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
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
);
