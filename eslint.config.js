import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'url',
  'util',
  'stream',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'generated/', 'data/', 'test-output/', 'prisma/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // core/ is pure: the same code runs in the task pane, the server and the CLI.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins,
            'react',
            'react-dom',
            'express',
            '@prisma/*',
            'exceljs',
            '@microsoft/office-js',
            '@fluentui/*',
            '../addin/*',
            '../server/*',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'process', 'Buffer', 'require'],
    },
  },
  {
    // contract/ is the API contract the server, the pane and the console all bundle: zod and nothing else.
    files: ['contract/**/*.ts'],
    ignores: ['contract/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'react', 'express', '@prisma/*', 'exceljs', '../*'] }],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'process', 'Buffer', 'require'],
    },
  },
  {
    // Only addin/excel/ talks to Excel; the React UI gets data and callbacks.
    files: ['addin/ui/**/*.{ts,tsx}', 'server/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'Excel', 'Office'] },
  },
  {
    // The ES5 loader: Internet Explorer 11 and Edge Legacy parse only this (es-check checks it too).
    files: ['addin/legacy/**/*.js'],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
