// ESLint 9 flat config (`npm run lint:eslint`): JavaScript and TypeScript everywhere, Lit
// templates (eslint-plugin-lit) and custom-element rules (eslint-plugin-wc) where elements live.
// Types are checked by `tsc` (tsconfig.json, tsconfig.js.json), formatting by Prettier: no
// stylistic rules here.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A plugin's flat config (their typings also admit legacy eslintrc configs). @param {unknown} config */
const flat = (config) => /** @type {import('eslint').Linter.Config} */ (config);

/** Code that runs in the browser (the element, its tests, demo and example pages). */
const BROWSER = [
  'src/**',
  'test/component/**',
  'test/helpers/**',
  'test/pages/**',
  'test/e2e/pages/**',
  'playground/**',
  'examples/**',
  'bench/pages/**',
  'bench/floor/**',
  'bench/peers/**',
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'examples/*/dist/',
      'examples/angular/.angular/',
      '.typecheck/',
      'custom-elements.json',
      '.bench/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Type-aware rules for the shipped sources only (they need a TypeScript program).
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Lit templates and custom elements: the element, its tests, the bench's floor element.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/floor/**/*.js'],
    extends: [flat(lit.configs?.['flat/recommended']), flat(wc.configs?.['flat/best-practice'])],
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      // LitElement implements connectedCallback & co.: `super.connectedCallback()` needs no guard.
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,ts,tsx}'],
    ignores: BROWSER,
    languageOptions: { globals: globals.node },
  },
  {
    files: BROWSER,
    languageOptions: { globals: globals.browser },
  },
  {
    // Node scripts that drive a page: `page.evaluate(() => …)` callbacks run in the browser.
    files: ['bench/*.js', 'test/e2e/*.{js,ts}', 'kit/testing.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Chai property assertions (`expect(x).to.exist`, `.to.be.empty`) are expressions.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    rules: {
      // `_`-prefixed names are unused on purpose (a required parameter, a skipped element).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // `===` everywhere; `== null` (null or undefined) is the one allowed loose comparison.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
);
