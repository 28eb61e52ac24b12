import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// src/core is the pure simulation: it must run the same in Node, in a worker and in replay.
// These rules make that a build failure rather than a hope.
export const coreForbiddenImports = {
  patterns: [
    { group: ['react', 'react-dom', 'react-dom/*', 'react/*'], message: 'src/core is pure: no React.' },
    { group: ['@react-three/*'], message: 'src/core is pure: no React Three Fiber.' },
    { group: ['zustand', 'zustand/*'], message: 'src/core must not read the store; pass plain data in.' },
    { group: ['three', 'three/*'], message: 'src/core must not use three (renderer, loaders, scene graph).' },
    { group: ['**/worker/**', '**/state/**', '**/scene/**', '**/ui/**', '**/automation/**', '**/storage/**'],
      message: 'Arrows point one way: src/core imports nothing from the layers above it.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'e2e-artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.{ts,mjs}', 'e2e/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', coreForbiddenImports],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/core has no DOM.' },
        { name: 'document', message: 'src/core has no DOM.' },
        { name: 'navigator', message: 'src/core has no DOM.' },
        { name: 'self', message: 'src/core has no worker scope.' },
        { name: 'localStorage', message: 'src/core has no storage.' },
        { name: 'indexedDB', message: 'src/core has no storage.' },
        { name: 'performance', message: 'src/core has no clock: time comes in as data.' },
        { name: 'requestAnimationFrame', message: 'src/core has no frame loop.' },
        { name: 'setTimeout', message: 'src/core has no timers.' },
        { name: 'fetch', message: 'src/core does no I/O.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded random in src/core/random.' },
        { object: 'Date', property: 'now', message: 'src/core has no clock: time comes in as data.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date']", message: 'src/core has no clock.' },
      ],
    },
  },
);
