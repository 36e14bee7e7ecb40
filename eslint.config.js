// `npm run lint`: every regular expression in src/ and scripts/ is checked for super-linear backtracking
// (a crafted feed or page must not freeze a process). An exception is justified where it is disabled.
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['node_modules/**', 'data/**', 'drizzle/**', 'dist/**'] },
  {
    files: ['src/**/*.ts', 'bin/**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' },
    plugins: { regexp },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-control-regex': 'error',
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false, ignorePartial: false }],
    },
  },
];
