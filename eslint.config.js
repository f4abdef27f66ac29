import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importPlugin from 'eslint-plugin-import';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Package names that one side of the house must never import. */
function forbidImports(...names) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: names.map((name) => ({
          group: [name, `${name}/*`],
          message: 'web/ and server/ never import each other; share code through @tracker/shared.',
        })),
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    languageOptions: { globals: { ...globals.node } },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      // A relative path into another workspace bypasses its package boundary.
      'import/no-relative-packages': 'error',
      'import/no-duplicates': 'error',
      'import/first': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ...react.configs.flat.recommended,
    ...react.configs.flat['jsx-runtime'],
    languageOptions: { globals: { ...globals.browser } },
    settings: { react: { version: '19' } },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      ...forbidImports('@tracker/server', '@tracker/seeds'),
    },
  },
  { files: ['server/**/*.ts'], rules: forbidImports('@tracker/web') },
  {
    files: ['shared/**/*.ts'],
    rules: forbidImports('@tracker/web', '@tracker/server', '@tracker/seeds'),
  },
  prettier,
);
