import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/**
 * src/ui and src/scene are views over the store. The lint fences keep the simulation out of them;
 * this test makes sure the fences are still there and still bite (in both folders).
 */
describe('the view fences for src/ui and src/scene', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  const forbidden = [
    "import { getWorkerClient } from '../state/workerClient';\nexport const a = getWorkerClient;",
    "import { SimulationWorkerClient } from '../worker/client';\nexport const a = SimulationWorkerClient;",
    "import { createSimAutomation } from '../automation/sim';\nexport const a = createSimAutomation;",
    "import { AttemptSimulation } from '../core/attempt/simulation';\nexport const a = AttemptSimulation;",
    "import { scoreAttempt } from '../core/scoring/score';\nexport const a = scoreAttempt;",
    "import { advanceNeedle } from '../core/needle/needle';\nexport const a = advanceNeedle;",
    "import { renderBMode } from '../core/ultrasound/bmode';\nexport const a = renderBMode;",
  ];

  for (const folder of ['src/ui/Example.tsx', 'src/scene/Example.tsx']) {
    it(`refuses the worker, window.sim and core's simulation in ${folder.split('/')[1]}`, async () => {
      for (const code of forbidden) expect(await lint(code, folder), code).not.toEqual([]);
    });

    it(`allows the store, core's constants and types in ${folder.split('/')[1]}`, async () => {
      const allowed = [
        "import { useSimStore } from '../state/store';\nexport const a = useSimStore;",
        "import { NEEDLE_LENGTH_MM, steeperBy } from '../core/needle/needle';\nexport const a = [NEEDLE_LENGTH_MM, steeperBy];",
        "import { HIGH_OPENING_PRESSURE_PSI } from '../core/scoring/rubric';\nexport const a = HIGH_OPENING_PRESSURE_PSI;",
        "import type { AttemptResult } from '../core/scoring/result';\nexport type A = AttemptResult;",
      ];
      for (const code of allowed) expect(await lint(code, folder), code).toEqual([]);
    });
  }
});
