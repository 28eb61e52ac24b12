import { useSimStore } from '../state/store';

/** While the worker voxelises the knee: a real progress bar, and the error if it fails. */
export function BuildOverlay() {
  const status = useSimStore((s) => s.buildStatus);
  const progress = useSimStore((s) => s.buildProgress);
  const error = useSimStore((s) => s.buildError);
  if (status === 'ready') return null;
  return (
    <div className="build-overlay" role="dialog" aria-label="Preparing the knee">
      {status === 'error' ? (
        <p className="error">The knee could not be built: {error}</p>
      ) : (
        <>
          <p>Building the patient's knee from the anatomical model…</p>
          <progress data-testid="build-progress" max={1} value={progress} />
          <p className="hint">{Math.round(progress * 100)}%</p>
        </>
      )}
    </div>
  );
}
