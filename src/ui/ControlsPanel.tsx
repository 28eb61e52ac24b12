import { useText, type Unit } from '../i18n';
import { useSimStore } from '../state/store';
import { DEPTH_RANGE_MM } from '../core/imaging/imageGeometry';
import { GAIN_RANGE_DB } from '../core/imaging/frame';
import { TILT_LIMIT_DEG, COMPRESSION_LIMIT_MM } from '../core/probe/pose';
import { FREQUENCY_RANGE_MHZ, DYNAMIC_RANGE_DB, TGC_RANGE_DB } from '../core/ultrasound/scannerSettings';
import { FOCUS_MIN_MM } from '../state/imagingSlice';
import { actionById, shortcutOf } from '../state/actions';

function Slider(props: { label: string; testId: string; value: number; min: number; max: number; step: number; unit: Unit; onChange: (v: number) => void; disabled?: boolean }) {
  const { q } = useText();
  return (
    <label className="slider">
      <span className="slider-label">{props.label}</span>
      <input
        type="range"
        data-testid={props.testId}
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
      <span className="slider-value">{q(props.value, props.unit, Number.isInteger(props.step) ? 0 : 1)}</span>
    </label>
  );
}

/** The probe in the hand: turn, rotate, tilt, press — the same actions as the keyboard shortcuts. */
export function ProbeControls() {
  // A replay shows a stored attempt: nothing here may change it.
  const ready = useSimStore((s) => s.buildStatus === 'ready' && s.replay === null);
  const pose = useSimStore((s) => s.probe?.pose);
  const st = useSimStore.getState;
  const disabled = !ready || !pose;
  const { t } = useText();

  return (
    <section className="controls probe-controls" aria-label={t('controls.probe')}>
      <fieldset disabled={disabled}>
        <legend>{t('controls.probe')}</legend>
        <div className="button-row">
          <button type="button" data-testid="toggle-axis" onClick={() => actionById('toggle-axis').run()} title={t('keys.shortcut', { key: shortcutOf('toggle-axis') })}>
            {t('controls.turn')}
          </button>
        </div>
        <Slider label={t('controls.rotation')} testId="probe-rotation" value={pose?.rotationDeg ?? 0} min={-180} max={180} step={1} unit="°" onChange={(v) => st().rotateProbe(v - (pose?.rotationDeg ?? 0))} />
        <Slider label={t('controls.tilt')} testId="probe-tilt" value={pose?.tiltDeg ?? 0} min={-TILT_LIMIT_DEG} max={TILT_LIMIT_DEG} step={1} unit="°" onChange={(v) => st().tiltProbe(v - (pose?.tiltDeg ?? 0))} />
        <Slider label={t('controls.pressure')} testId="probe-compression" value={pose?.compressionMm ?? 0} min={0} max={COMPRESSION_LIMIT_MM} step={0.5} unit="mm" onChange={(v) => st().setCompression(v)} />
      </fieldset>
    </section>
  );
}

/** Scanner settings and the 3D view's aids: set now and then, so they may scroll. */
export function ScannerControls() {
  // A replay shows a stored attempt: nothing here may change it.
  const ready = useSimStore((s) => s.buildStatus === 'ready' && s.replay === null);
  const hasProbe = useSimStore((s) => s.probe !== null);
  const imaging = useSimStore((s) => s.imaging);
  const skinOpacity = useSimStore((s) => s.skinOpacity);
  const showLabels = useSimStore((s) => s.showLabels);
  const st = useSimStore.getState;
  const disabled = !ready || !hasProbe;
  const { t, n } = useText();

  return (
    <section className="controls" aria-label={t('controls.title')}>
      <fieldset disabled={disabled}>
        <legend>{t('controls.scanner')}</legend>
        <Slider label={t('controls.depth')} testId="imaging-depth" value={imaging.depthMm} min={DEPTH_RANGE_MM.min} max={DEPTH_RANGE_MM.max} step={5} unit="mm" onChange={(v) => st().setImaging({ depthMm: v })} />
        <Slider label={t('controls.gain')} testId="imaging-gain" value={imaging.gainDb} min={GAIN_RANGE_DB.min} max={GAIN_RANGE_DB.max} step={1} unit="dB" onChange={(v) => st().setImaging({ gainDb: v })} />
        <Slider label={t('controls.focus')} testId="imaging-focus" value={imaging.focusMm} min={FOCUS_MIN_MM} max={imaging.depthMm} step={1} unit="mm" onChange={(v) => st().setImaging({ focusMm: v })} />
        <Slider label={t('controls.frequency')} testId="imaging-frequency" value={imaging.frequencyMHz} min={FREQUENCY_RANGE_MHZ.min} max={FREQUENCY_RANGE_MHZ.max} step={1} unit="MHz" onChange={(v) => st().setImaging({ frequencyMHz: v })} />
        <Slider label={t('controls.dynamicRange')} testId="imaging-dynamic-range" value={imaging.dynamicRangeDb} min={DYNAMIC_RANGE_DB.min} max={DYNAMIC_RANGE_DB.max} step={5} unit="dB" onChange={(v) => st().setImaging({ dynamicRangeDb: v })} />
        <div className="tgc" aria-label={t('controls.tgcTitle')}>
          <span className="slider-label">{t('controls.tgc')}</span>
          {imaging.tgcDb.map((value, band) => (
            <input
              key={band}
              type="range"
              className="tgc-slider"
              data-testid={`imaging-tgc-${band}`}
              aria-label={t('controls.tgcBand', { band: band + 1, of: imaging.tgcDb.length })}
              title={t('controls.tgcValue', { value: n(value, { signed: true }) })}
              min={TGC_RANGE_DB.min}
              max={TGC_RANGE_DB.max}
              step={1}
              value={value}
              onChange={(e) => st().setImaging({ tgcDb: imaging.tgcDb.map((v, i) => (i === band ? Number(e.target.value) : v)) })}
            />
          ))}
        </div>
        <div className="button-row" role="radiogroup" aria-label={t('controls.image')}>
          <button type="button" data-testid="mode-bmode" aria-pressed={imaging.mode === 'b-mode'} onClick={() => st().setImaging({ mode: 'b-mode' })}>
            {t('controls.bmode')}
          </button>
          <button type="button" data-testid="mode-anatomy" aria-pressed={imaging.mode === 'anatomy'} onClick={() => st().setImaging({ mode: 'anatomy' })} title={t('controls.anatomyTitle')}>
            {t('controls.anatomy')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('controls.view3d')}</legend>
        <Slider label={t('controls.skin')} testId="skin-opacity" value={Math.round(skinOpacity * 100)} min={0} max={100} step={5} unit="%" onChange={(v) => st().setSkinOpacity(v / 100)} />
        <label className="checkbox">
          <input type="checkbox" data-testid="show-labels" checked={showLabels} onChange={(e) => st().setShowLabels(e.target.checked)} /> {t('controls.labels')}
        </label>
        <div className="button-row">
          <button type="button" data-testid="camera-overview" onClick={() => st().setCameraPreset('overview')}>
            {t('controls.overview')}
          </button>
          <button type="button" data-testid="camera-over-probe" onClick={() => st().setCameraPreset('over-probe')}>
            {t('controls.overProbe')}
          </button>
        </div>
      </fieldset>
    </section>
  );
}
