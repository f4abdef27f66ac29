import { readdirSync } from 'node:fs';

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

const webFeatures = readdirSync('web/src/features', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The web's walls: a feature never imports another feature, and nothing but app/ composes
 * features; components/ and lib/ are shared by all and import no feature. A page that needs
 * two features lives in web/src/app/routes/.
 */
const webWalls = [
  ...webFeatures.map((feature) => ({
    target: `./web/src/features/${feature}`,
    from: './web/src/features',
    except: [`./${feature}`],
    message:
      'A feature never imports another: compose them in web/src/app/routes, or move what they share to components/ or lib/.',
  })),
  {
    target: ['./web/src/features', './web/src/components', './web/src/lib'],
    from: './web/src/app',
    message: 'Only app/ composes the app; nothing imports from it.',
  },
  {
    target: ['./web/src/components', './web/src/lib'],
    from: './web/src/features',
    message: 'components/ and lib/ are shared by every feature and import none.',
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      // import/no-cycle follows only files it may parse: TypeScript's, with TypeScript's parser.
      'import/extensions': ['.ts', '.tsx', '.js'],
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
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
      'import/no-restricted-paths': ['error', { zones: webWalls }],
      'import/no-cycle': 'error',
    },
  },
  { files: ['server/**/*.ts'], rules: forbidImports('@tracker/web') },
  {
    files: ['shared/**/*.ts'],
    rules: forbidImports('@tracker/web', '@tracker/server', '@tracker/seeds'),
  },
  prettier,
);
