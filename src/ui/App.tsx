import { lazy, Suspense, useEffect } from 'react';
import { UltrasoundPanel } from './UltrasoundPanel';
import { ProbeControls, ScannerControls } from './ControlsPanel';
import { StatusBar } from './StatusBar';
import { BuildOverlay } from './BuildOverlay';
import { CasePicker } from './CasePicker';
import { KeyHelp } from './KeyHelp';
import { NeedlePanel } from './NeedlePanel';
import { installKeyboardShortcuts } from './keyboardShortcuts';
import { installWheelGestures } from './wheelGesture';
import { AttemptBar } from './AttemptBar';
import { GuidedChecklist } from './GuidedChecklist';
import { CaseBriefing } from './CaseBriefing';
import { ReplayBar } from './ReplayBar';
import { SessionNotices } from './SessionNotices';
import { useSimStore } from '../state/store';
import { LanguageSelect } from './LanguageSelect';
import { useText } from '../i18n';

// The 3D view (three.js, React Three Fiber) loads beside the first image, not before it.
const SceneView = lazy(() => import('../scene/SceneView').then((m) => ({ default: m.SceneView })));
// Read after an attempt, not while scanning: loaded on demand, so the first image comes sooner.
const DebriefPage = lazy(() => import('./DebriefPage').then((m) => ({ default: m.DebriefPage })));
const ReviewPage = lazy(() => import('./ReviewPage').then((m) => ({ default: m.ReviewPage })));

export function App() {
  useEffect(() => installKeyboardShortcuts(), []);
  useEffect(() => installWheelGestures(), []);
  const page = useSimStore((s) => s.page);
  const { t } = useText();
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <CasePicker />
        <AttemptBar />
        <LanguageSelect />
      </header>
      <SessionNotices />
      <ReplayBar />
      <Suspense fallback={null}>
        {page === 'debrief' && <DebriefPage />}
        {page === 'review' && <ReviewPage />}
      </Suspense>
      {page === 'simulator' && <StatusBar />}
      <main className="workspace" hidden={page !== 'simulator'}>
        <div className="scene-pane">
          <Suspense fallback={null}>
            <SceneView />
          </Suspense>
          <BuildOverlay />
        </div>
        {/* The image and the hands' controls never scroll; what is read now and then does, beside them. */}
        <div className="image-pane">
          <UltrasoundPanel />
          <NeedlePanel />
        </div>
        <aside className="side-pane">
          <ProbeControls />
          <div className="side-scroll" data-testid="side-scroll">
            <GuidedChecklist />
            <CaseBriefing />
            <ScannerControls />
            <KeyHelp />
          </div>
        </aside>
      </main>
    </div>
  );
}
