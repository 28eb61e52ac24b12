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

// src/ui and src/scene are views over the store: they read its selectors and call its actions. The
// simulation (core's kinematics, fluid, imaging and scoring) runs in the worker's session; these
// fences keep it from creeping back into components.
export const viewForbiddenImports = {
  patterns: [
    { group: ['**/worker/**', '**/state/workerClient'], message: 'Components talk to the store; the store talks to the worker.' },
    { group: ['**/automation/**'], message: 'window.sim is an adapter over the store, not a library for components.' },
    { group: ['**/core/attempt/simulation', '**/core/attempt/factsRecorder', '**/core/fluid/spread', '**/core/fluid/fluidEffects', '**/core/ultrasound/bmode', '**/core/scoring/score', '**/core/scoring/safety'],
      message: 'No simulation in components: the worker session runs core; read its snapshot from the store.' },
    { group: ['**/core/needle/needle'], importNames: ['placeNeedle', 'advanceNeedle', 'redirectNeedle'],
      message: 'Needle kinematics run in the worker session: call the registered needle action.' },
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
    files: ['src/ui/**/*.{ts,tsx}', 'src/scene/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', viewForbiddenImports] },
  },
  {
    // Data flows input → store → worker → store → views: the store and the automation API never reach up into the views.
    files: ['src/state/**/*.{ts,tsx}', 'src/automation/**/*.ts'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/ui/**', '**/scene/**'], message: 'The store and window.sim reach the app through state, never through components.' }] }] },
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
