import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/**
 * src/core must run the same in Node, a worker and replay. The lint rule enforces it; this test
 * makes sure the rule is still there and still bites.
 */
describe('the purity rule for src/core', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: 'src/core/anatomy/example.ts' });
    return result.messages.map((m) => m.ruleId);
  };

  it('refuses React, three, zustand, the worker, the DOM, the clock and Math.random', async () => {
    const forbidden = [
      "import { useState } from 'react';\nexport const a = useState;",
      "import * as THREE from 'three';\nexport const a = THREE;",
      "import { create } from 'zustand';\nexport const a = create;",
      "import { getWorkerClient } from '../../state/workerClient';\nexport const a = getWorkerClient;",
      'export const a = document.title;',
      'export const a = window.innerWidth;',
      'export const a = Math.random();',
      'export const a = Date.now();',
      'export const a = performance.now();',
    ];
    for (const code of forbidden) expect(await lint(code), code).not.toEqual([]);
  });

  it('allows plain TypeScript', async () => {
    expect(await lint('export const a = Math.hypot(3, 4);\n')).toEqual([]);
  });
});
