import { useSimStore } from '../state/store';
import { cases } from '../core/cases/cases';
import { useText } from '../i18n';

/** Choose the patient and the leg; loading rebuilds the knee. A patient loads on the leg they present with. */
export function CasePicker() {
  const caseId = useSimStore((s) => s.caseId);
  const side = useSimStore((s) => s.parameters.side);
  // Not while building, nor during a replay (its case is the record's).
  const building = useSimStore((s) => s.buildStatus === 'building' || s.replay !== null);
  const { t, pick } = useText();
  const load = (next: { caseId?: string; side?: 'left' | 'right' }) =>
    void useSimStore.getState().loadCase({ caseId, side, ...next }).catch((e: unknown) => console.error(e));
  return (
    <div className="case-picker">
      <label>
        {t('case.patient')}{' '}
        <select data-testid="case-select" value={caseId} disabled={building} onChange={(e) => load({ caseId: e.target.value, side: undefined })}>
          {(['teaching', 'patient', 'variant'] as const).map((kind) => (
            <optgroup key={kind} label={t(`case.kind.${kind}`)}>
              {cases
                .filter((c) => c.kind === kind)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {pick(c.texts.title)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        {t('case.leg')}{' '}
        <select data-testid="side-select" value={side} disabled={building} onChange={(e) => load({ side: e.target.value as 'left' | 'right' })}>
          <option value="right">{t('case.right')}</option>
          <option value="left">{t('case.left')}</option>
        </select>
      </label>
      {/* The summary is read in the briefing: in the header it was cut to a word or two (Chinese most of all). */}
    </div>
  );
}
