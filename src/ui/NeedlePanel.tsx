import { useSimStore } from '../state/store';
import { NeedlePad } from './NeedlePad';
import { SYRINGE_ML } from '../state/needleSlice';
import { useText, type TextKey } from '../i18n';
import type { TissueType } from '../core/anatomy/tissues';
import { shortcutOf, actionById } from '../state/actions';
import { HIGH_OPENING_PRESSURE_PSI, CAUTION_OPENING_PRESSURE_PSI } from '../core/scoring/rubric';
import { MIN_INJECTION_RATE_ML_PER_S, MAX_INJECTION_RATE_ML_PER_S } from '../core/fluid/injectionPressure';
import { PLANNED_ANGLE_LIMITS_DEG } from '../core/needle/plannedPath';
import { runSafely, INJECTION_STEP_ML, startSteadyInjection, stopSteadyInjection } from '../state/needleActions';

/** A button runs its registered action: the key, the button and the help list move by the same step. */
const run = (id: string) => () => actionById(id).run();

/** Every tissue the tip can be in, by its core name (the compiler checks none is missing). */
const TISSUE_TEXT: Record<TissueType, TextKey> = {
  outside: 'tissue.outside', skin: 'tissue.skin', fat: 'tissue.fat', muscle: 'tissue.muscle', tendon: 'tissue.tendon', bone: 'tissue.bone',
  vessel: 'tissue.vessel', sheath: 'tissue.sheath', epineurium: 'tissue.epineurium', nerve: 'tissue.nerve', fibrous: 'tissue.fibrous', fluid: 'tissue.fluid',
};

/** The gauge's colours follow the rubric's lines (scoring.md: ≥ HIGH_OPENING_PRESSURE_PSI is against or in the nerve). */
const pressureClass = (psi: number | null) => (psi === null ? '' : psi >= HIGH_OPENING_PRESSURE_PSI ? 'danger' : psi >= CAUTION_OPENING_PRESSURE_PSI ? 'caution' : 'ok');
/** The gauge's dial runs to twice the rubric's line. */
const GAUGE_MAX_PSI = 2 * HIGH_OPENING_PRESSURE_PSI;

/** The needle and the syringe with its in-line manometer, and what the patient says. */
export function NeedlePanel() {
  const angleDeg = useSimStore((s) => s.plannedNeedleAngleDeg);
  const setAngleDeg = useSimStore((s) => s.setPlannedNeedleAngle);
  // A replay shows a stored attempt: the needle and syringe may not change it.
  const ready = useSimStore((s) => s.buildStatus === 'ready' && s.probe !== null && s.replay === null);
  const needle = useSimStore((s) => s.needle);
  const report = useSimStore((s) => s.needleReport);
  const syringeMl = useSimStore((s) => s.syringeMl);
  const pressure = useSimStore((s) => s.manometerPsi);
  const rate = useSimStore((s) => s.injectionRateMlPerS);
  const measures = useSimStore((s) => s.fluidMeasures);
  const patientSays = useSimStore((s) => s.patientSays);
  const injecting = useSimStore((s) => s.injecting);
  const st = useSimStore.getState;
  const { t, n, q, say } = useText();
  return (
    <section className="controls needle-panel" aria-label={t('needle.legend')}>
      <fieldset disabled={!ready}>
        <legend data-testid="needle-legend">{t('needle.legend')}</legend>
        <label className="slider">
          <span className="slider-label">{t('needle.angle')}</span>
          <input type="range" data-testid="needle-angle" min={PLANNED_ANGLE_LIMITS_DEG.min} max={PLANNED_ANGLE_LIMITS_DEG.max} step={1} value={angleDeg} onChange={(e) => setAngleDeg(Number(e.target.value))} />
          <span className="slider-value">{q(angleDeg, '°')}</span>
        </label>
        <div className="button-row">
          <button type="button" data-testid="needle-insert" onClick={run('needle-insert')} title={`${t('needle.insertTitle')} (${t('keys.shortcut', { key: shortcutOf('needle-insert') })})`}>
            {needle ? t('needle.reinsert') : t('needle.insert')}
          </button>
          <button type="button" data-testid="needle-advance" disabled={!needle} onClick={run('needle-advance')} title={t('keys.shortcut', { key: shortcutOf('needle-advance') })}>
            {t('needle.advance')}
          </button>
          <button type="button" data-testid="needle-withdraw" disabled={!needle} onClick={run('needle-withdraw')} title={t('keys.shortcut', { key: shortcutOf('needle-withdraw') })}>
            {t('needle.withdraw')}
          </button>
          <button type="button" data-testid="needle-steeper" disabled={!needle} onClick={run('needle-steeper')} title={t('keys.shortcut', { key: shortcutOf('needle-steeper') })}>
            {t('needle.steeper')}
          </button>
          <button type="button" data-testid="needle-shallower" disabled={!needle} onClick={run('needle-shallower')} title={t('keys.shortcut', { key: shortcutOf('needle-shallower') })}>
            {t('needle.shallower')}
          </button>
        </div>
        <NeedlePad disabled={!needle || !ready} />
        {report && needle && (
          <p className="needle-status" data-testid="needle-status">
            {t('needle.status', {
              inserted: n(needle.insertedMm, 1),
              tissue: t(TISSUE_TEXT[report.tissueAtTip]),
              plane: report.inPlane ? t('needle.inPlane') : t('needle.outOfPlane'),
              visible: report.tipVisible ? t('needle.tipVisible') : t('needle.tipHidden'),
              angle: n(report.angleToBeamDeg),
            })}
          </p>
        )}
      </fieldset>
      <fieldset disabled={!ready || !needle}>
        <legend>{t('syringe.legend')}</legend>
        <div className="button-row">
          <button type="button" data-testid="inject" onClick={run('inject')} title={t('keys.shortcut', { key: shortcutOf('inject') })}>
            {t('syringe.inject', { ml: n(INJECTION_STEP_ML, 1) })}
          </button>
          <button
            type="button"
            data-testid="inject-hold"
            title={t('syringe.holdTitle', { rate: n(rate, 1) })}
            onPointerDown={(e) => {
              // Captured: the press holds even if the panel's layout shifts under the finger.
              e.currentTarget.setPointerCapture(e.pointerId);
              startSteadyInjection();
            }}
            onPointerUp={stopSteadyInjection}
            onPointerCancel={stopSteadyInjection}
            onLostPointerCapture={stopSteadyInjection}
            // From the keyboard as from the pointer: Space or Enter held down is the thumb on the plunger.
            onKeyDown={(e) => {
              if (e.key !== ' ' && e.key !== 'Enter') return;
              e.preventDefault();
              if (!e.repeat) startSteadyInjection();
            }}
            onKeyUp={(e) => {
              if (e.key !== ' ' && e.key !== 'Enter') return;
              e.preventDefault();
              stopSteadyInjection();
            }}
            onBlur={stopSteadyInjection}
          >
            {t('syringe.hold')}
          </button>
          <button type="button" data-testid="aspirate" onClick={run('aspirate')} title={t('keys.shortcut', { key: shortcutOf('aspirate') })}>
            {t('syringe.aspirate')}
          </button>
          <span data-testid="syringe">{t('syringe.left', { ml: n(syringeMl, 1) })}</span>
          <span data-testid="injected">{t('syringe.injected', { ml: n(SYRINGE_ML - syringeMl, 1) })}</span>
          <span data-testid="injection-rate">{t('syringe.rate', { rate: n(injecting ? rate : 0, 1) })}</span>
          {/* Live while the plunger is held; at rest it keeps the last injection's reading, marked as such. */}
          <span
            className={`manometer ${pressureClass(pressure)}${injecting ? ' live' : ''}`}
            data-testid="manometer"
            data-live={injecting}
            data-psi={pressure ?? ''}
            title={t('syringe.manometerTitle', { psi: n(HIGH_OPENING_PRESSURE_PSI) })}
          >
            {pressure === null ? t('syringe.noPressure') : injecting ? q(pressure, 'psi', 1) : t('syringe.lastPressure', { psi: n(pressure, 1) })}
            <meter min={0} max={GAUGE_MAX_PSI} low={CAUTION_OPENING_PRESSURE_PSI} high={HIGH_OPENING_PRESSURE_PSI} optimum={0} value={pressure ?? 0} aria-label={t('syringe.legend')} />
          </span>
        </div>
        <label className="slider">
          <span className="slider-label">{t('syringe.rateLabel')}</span>
          <input
            type="range"
            data-testid="injection-rate-setting"
            min={MIN_INJECTION_RATE_ML_PER_S}
            max={MAX_INJECTION_RATE_ML_PER_S}
            step={0.1}
            value={rate}
            disabled={injecting}
            onChange={(e) => runSafely(() => st().setInjectionRate(Number(e.target.value)))}
          />
          <span className="slider-value">{q(rate, 'ml/s', 1)}</span>
        </label>
        {measures && (
          <p className="needle-status" data-testid="fluid-figures">
            {t('fluid.figures', {
              total: n(measures.totalMl, 1),
              halo: n(measures.haloCoveragePct),
              proximal: n(measures.spreadProximalMm),
              distal: n(measures.spreadDistalMm),
              above: n(measures.superficialMl, 1),
              below: n(measures.deepMl, 1),
            })}
            {measures.intraneuralMl > 0 ? t('fluid.intraneural', { ml: n(measures.intraneuralMl, 2) }) : ''}
          </p>
        )}
      </fieldset>
      {patientSays && (
        <p className="patient-says" role="alert" data-testid="patient-says">
          {say(patientSays)}
        </p>
      )}
    </section>
  );
}
