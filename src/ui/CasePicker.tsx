import { useSimStore } from '../state/store';
import { cases } from '../core/cases/cases';

const KIND_TITLES = { teaching: 'Teaching', patient: 'Patients of the clinical series', variant: 'Anatomical and clinical variants' } as const;

/** Choose the patient and the leg; loading rebuilds the knee. */
export function CasePicker() {
  const caseId = useSimStore((s) => s.caseId);
  const side = useSimStore((s) => s.parameters.side);
  const building = useSimStore((s) => s.buildStatus === 'building');
  const load = (next: { caseId?: string; side?: 'left' | 'right' }) =>
    void useSimStore.getState().loadCase({ caseId, side, ...next }).catch((e: unknown) => console.error(e));
  const current = cases.find((c) => c.id === caseId);
  return (
    <div className="case-picker">
      <label>
        Patient{' '}
        <select data-testid="case-select" value={caseId} disabled={building} onChange={(e) => load({ caseId: e.target.value, side: undefined })}>
          {(['teaching', 'patient', 'variant'] as const).map((kind) => (
            <optgroup key={kind} label={KIND_TITLES[kind]}>
              {cases
                .filter((c) => c.kind === kind)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        Leg{' '}
        <select data-testid="side-select" value={side} disabled={building} onChange={(e) => load({ side: e.target.value as 'left' | 'right' })}>
          <option value="right">Right</option>
          <option value="left">Left</option>
        </select>
      </label>
      {current && <span className="case-summary">{current.summary}</span>}
    </div>
  );
}
