import { useSimStore } from '../state/store';
import { NeedlePad, redirectInPlane } from './NeedlePad';
import { SYRINGE_ML } from '../state/needleSlice';
import { insertNeedleInPlane, STEADY_RATE_ML_PER_S, runSafely, INJECTION_STEP_ML, startSteadyInjection, stopSteadyInjection } from './needleActions';

const pressureClass = (psi: number | null) => (psi === null ? '' : psi >= 15 ? 'danger' : psi > 10 ? 'caution' : 'ok');

/** The needle and the syringe with its in-line manometer, and what the patient says. */
export function NeedlePanel() {
  const angleDeg = useSimStore((s) => s.plannedNeedleAngleDeg);
  const setAngleDeg = useSimStore((s) => s.setPlannedNeedleAngle);
  const ready = useSimStore((s) => s.buildStatus === 'ready' && s.probe !== null);
  const needle = useSimStore((s) => s.needle);
  const report = useSimStore((s) => s.needleReport);
  const syringeMl = useSimStore((s) => s.syringeMl);
  const pressure = useSimStore((s) => s.lastPressurePsi);
  const measures = useSimStore((s) => s.fluidMeasures);
  const patientSays = useSimStore((s) => s.patientSays);
  const injecting = useSimStore((s) => s.injecting);
  const st = useSimStore.getState;
  return (
    <section className="controls needle-panel" aria-label="Needle and injection">
      <fieldset disabled={!ready}>
        <legend>Needle (25 G, 50 mm) — in plane, medial → lateral</legend>
        <label className="slider">
          <span className="slider-label">Angle</span>
          <input type="range" data-testid="needle-angle" min={10} max={60} step={1} value={angleDeg} onChange={(e) => setAngleDeg(Number(e.target.value))} />
          <span className="slider-value">{angleDeg} °</span>
        </label>
        <div className="button-row">
          <button type="button" data-testid="needle-insert" onClick={() => runSafely(() => insertNeedleInPlane(angleDeg))} title="At the probe's marked (medial) end, in the image plane">
            {needle ? 'Re-insert' : 'Insert at medial end'}
          </button>
          <button type="button" data-testid="needle-advance" disabled={!needle} onClick={() => runSafely(() => st().advanceNeedle(1))} title="N">
            Advance 1 mm
          </button>
          <button type="button" data-testid="needle-withdraw" disabled={!needle} onClick={() => runSafely(() => st().advanceNeedle(-1))} title="B">
            Withdraw 1 mm
          </button>
          <button type="button" data-testid="needle-steeper" disabled={!needle} onClick={() => redirectInPlane(2)} title="K">
            Steeper 2°
          </button>
          <button type="button" data-testid="needle-shallower" disabled={!needle} onClick={() => redirectInPlane(-2)} title="J">
            Shallower 2°
          </button>
        </div>
        <NeedlePad disabled={!needle} />
        {report && needle && (
          <p className="needle-status" data-testid="needle-status">
            {needle.insertedMm.toFixed(1)} mm in · tip in {report.tissueAtTip} · {report.inPlane ? 'in plane' : 'out of plane'} · tip {report.tipVisible ? 'visible' : 'NOT visible'} · {report.angleToBeamDeg.toFixed(0)}° to the probe face
          </p>
        )}
      </fieldset>
      <fieldset disabled={!ready || !needle}>
        <legend>Syringe and manometer</legend>
        <div className="button-row">
          <button type="button" data-testid="inject" onClick={() => runSafely(() => st().inject(INJECTION_STEP_ML))} title="I">
            Inject {INJECTION_STEP_ML} ml
          </button>
          <button
            type="button"
            data-testid="inject-hold"
            title="Press and hold to inject at 1 ml/s"
            onPointerDown={(e) => {
              // Captured: the press holds even if the panel's layout shifts under the finger.
              e.currentTarget.setPointerCapture(e.pointerId);
              startSteadyInjection();
            }}
            onPointerUp={stopSteadyInjection}
            onPointerCancel={stopSteadyInjection}
            onLostPointerCapture={stopSteadyInjection}
          >
            Hold to inject
          </button>
          <button type="button" data-testid="aspirate" onClick={() => runSafely(() => st().aspirate())}>
            Aspirate
          </button>
          <span data-testid="syringe">Syringe {syringeMl.toFixed(1)} ml</span>
          <span data-testid="injected">Injected {(SYRINGE_ML - syringeMl).toFixed(1)} ml</span>
          <span data-testid="injection-rate">{injecting ? `${STEADY_RATE_ML_PER_S.toFixed(1)} ml/s` : '0 ml/s'}</span>
          <span className={`manometer ${pressureClass(pressure)}`} data-testid="manometer">
            {pressure === null ? '— psi' : `${pressure.toFixed(1)} psi`}
          </span>
        </div>
        {measures && (
          <p className="needle-status" data-testid="fluid-figures">
            {measures.totalMl.toFixed(1)} ml · halo {measures.haloCoveragePct.toFixed(0)}% · spread {measures.spreadProximalMm.toFixed(0)} mm proximal, {measures.spreadDistalMm.toFixed(0)} mm distal · above {measures.superficialMl.toFixed(1)} / below {measures.deepMl.toFixed(1)} ml
            {measures.intraneuralMl > 0 ? ` · INTRANEURAL ${measures.intraneuralMl.toFixed(2)} ml` : ''}
          </p>
        )}
      </fieldset>
      {patientSays && (
        <p className="patient-says" role="alert" data-testid="patient-says">
          {patientSays}
        </p>
      )}
    </section>
  );
}
