import { describe, it, expect } from 'vitest';
import { KneeAnatomy } from '../core/anatomy/knee';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { caseParameters, findCase } from '../core/cases/cases';
import { FluidSurfaceMesher, type FluidSurfaceUpdate } from '../core/fluid/fluidMesher';
import type { TriangleMesh } from '../core/geometry/surfaceNets';
import { PatientCache } from './patients';
import { coarsePatient } from './testPatients';
import { SimulationSession } from './session';

const caseId = 'normal-teaching-knee';
const patients = new PatientCache(coarsePatient);
const provider = (p: Parameters<PatientCache['get']>[0]) => patients.get(p).patient;
const model = goodAttemptEvents(new KneeAnatomy(caseParameters(findCase(caseId)!, 'right', 1)), { caseId });
const injections = model.flatMap((e, i) => (e.kind === 'injection' ? [i + 1] : []));

/** A view that follows every update in order (as the scene's FluidBlocks does). */
function follow(view: Map<number, TriangleMesh>, update: FluidSurfaceUpdate): void {
  if (update.base === null) view.clear();
  for (const b of update.changed) {
    if (b.mesh) view.set(b.key, b.mesh);
    else view.delete(b.key);
  }
  for (const key of [...view.keys()]) if (!update.keys.includes(key)) view.delete(key);
}

const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('the replay surface, meshed incrementally across seeks', () => {
  it('seeking back and forth over injections, each surface sent is byte for byte the fluid of that moment meshed afresh', () => {
    const session = new SimulationSession(provider, 'assessment');
    session.applyAll(model);
    session.seek(1);
    const view = new Map<number, TriangleMesh>();
    // Forward past injections, back before some, forward again: the history rewinds the fluid's arrays in place.
    const moments = [injections[1], injections.at(-1)!, injections[2], injections[0], injections.at(-1)!, injections[1] - 1];
    for (const [i, index] of moments.entries()) {
      const snapshot = session.seek(index, i % 2 === 1);
      const update = snapshot.fluid?.surface ?? (session.surfaceBehind ? session.refreshSurface().surface : null);
      if (!update) continue;
      follow(view, update);
      const whole = new FluidSurfaceMesher().update(session.simulation.fluid!, true);
      expect([...view.keys()].sort((a, b) => a - b)).toEqual(whole.keys);
      for (const block of whole.changed) {
        const shown = view.get(block.key)!;
        expect(bytes(shown.positions)).toEqual(bytes(block.mesh!.positions));
        expect(bytes(shown.normals)).toEqual(bytes(block.mesh!.normals));
        expect(bytes(shown.indices)).toEqual(bytes(block.mesh!.indices));
      }
    }
  }, 120_000);
});
