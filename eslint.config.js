// Lint: typescript-eslint recommended (type-aware for the code we ship), plus the
// architecture's dependency rule: shared/ is isomorphic and never imports Node or the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'shared/ is isomorphic: no Node built-ins.' },
            {
              group: ['**/server/**', 'fastify', 'ioredis', 'socket.io'],
              message: 'shared/ never imports the server.',
            },
          ],
        },
      ],
    },
  },
);
