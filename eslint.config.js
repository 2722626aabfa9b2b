// The house rules as lint rules: what a folder may import is checked here, not remembered. Import cycles are
// dependency-cruiser's (.dependency-cruiser.cjs), formatting is Prettier's.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.bench-build/**',
      'node_modules/**',
      'reports/**',
      '.stryker-tmp/**',
      'test/e2e/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // TypeScript checks names itself, and knows the DOM and Node globals this rule does not.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      // Prettier breaks `a\n  [key]()` chains across lines on purpose; the ASI hazard this rule guards cannot arise
      // in code Prettier printed (it keeps the semicolons).
      'no-unexpected-multiline': 'off',
    },
  },
  // The two rules of hooks; the React Compiler's stricter set waits until we use the compiler.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-shared/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // The domain is pure: itself and its three libraries (decimal.js, zod, opencc-js), nothing with I/O.
            {
              target: './src-main/domain',
              from: './src-main',
              except: ['./domain'],
              message: 'domain/ imports only domain/',
            },
            // A supplier speaks its protocol; storage, the API and the services are the app's business.
            {
              target: './src-main/suppliers',
              from: ['./src-main/db', './src-main/api', './src-main/services'],
              message: 'suppliers/ never imports db/, api/ or services/',
            },
            // The renderer sees main only through the shared contract and pure domain modules: every other main folder,
            // present or future, is out of its reach.
            {
              target: './src-renderer',
              from: './src-main',
              except: ['./domain'],
              message: 'the renderer imports only src-shared/ and src-main/domain/',
            },
            // The contract is neutral ground: both sides import it, it imports neither (the pure domain's types aside).
            {
              target: './src-shared',
              from: './src-main',
              except: ['./domain'],
              message: 'src-shared/ imports only itself and src-main/domain/',
            },
            { target: './src-shared', from: './src-renderer', message: 'src-shared/ never imports the renderer' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?![.]|decimal\\.js$|zod$|opencc-js)',
              message: 'domain/ uses only decimal.js, zod and opencc-js',
            },
          ],
        },
      ],
    },
  },
);
