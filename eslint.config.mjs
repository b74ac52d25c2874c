// One lint setup for the whole workspace: typescript-eslint's recommended rules, with formatting
// left to prettier (eslint-config-prettier switches off the rules it would fight).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/test-results/**',
      '**/.data/**',
      '**/.swc/**',
      // Taro's generated and temporary output
      'miniapp/.temp/**',
      'miniapp/.taro-cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // Empty cases sharing one answer may carry a comment between them (tsc's noFallthroughCasesInSwitch
      // still catches a real fall-through).
      'no-fallthrough': ['error', { allowEmptyCase: true }],
      // `_`-prefixed names mark parameters a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // CommonJS config files (jest, babel) are loaded with require by their tools.
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain scripts the H5 page loads as they are (no bundler): a classic script's `!function(){}()`
    // is the idiom there, not a forgotten expression.
    files: ['miniapp/src/**/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', 'miniapp/e2e/**/*.ts', 'scripts/jest-*.cjs'],
    languageOptions: { globals: { ...globals.jest } },
  },
  prettier,
);
