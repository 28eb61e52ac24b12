import { useSimStore } from '../state/store';
import { runSafely } from './needleActions';
import { displayedFramePng } from '../state/framePng';

/** Who is practising and how; saving images and finishing the attempt (which scores it). */
export function AttemptBar() {
  const session = useSimStore((s) => s.session);
  const finished = useSimStore((s) => s.finished);
  const ready = useSimStore((s) => s.buildStatus === 'ready');
  const replaying = useSimStore((s) => s.replay !== null);
  const savedCount = useSimStore((s) => s.events.filter((e) => e.kind === 'image-saved').length);
  const st = useSimStore.getState;
  if (replaying) return null;
  return (
    <div className="attempt-bar" aria-label="Attempt">
      <label>
        Trainee{' '}
        <input data-testid="trainee-name" value={session.trainee} placeholder="your name" size={12} onChange={(e) => st().setTrainee(e.target.value)} />
      </label>
      <label>
        Mode{' '}
        <select data-testid="mode-select" value={session.mode} disabled={finished} onChange={(e) => st().setMode(e.target.value as 'guided' | 'assessment')}>
          <option value="guided">Guided practice</option>
          <option value="assessment">Assessment</option>
        </select>
      </label>
      <button type="button" data-testid="save-image" disabled={!ready || finished} onClick={() => runSafely(() => st().saveImage(displayedFramePng()))}>
        Save image{savedCount > 0 ? ` (${savedCount})` : ''}
      </button>
      <button type="button" data-testid="finish" className="primary" disabled={!ready || finished} onClick={() => runSafely(() => st().finishAttempt())}>
        Finish and score
      </button>
      <button type="button" data-testid="open-review" onClick={() => st().setPage('review')}>
        Attempts
      </button>
    </div>
  );
}
