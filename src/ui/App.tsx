import { useEffect } from 'react';
import { SceneView } from '../scene/SceneView';
import { UltrasoundPanel } from './UltrasoundPanel';
import { ProbeControls, ScannerControls } from './ControlsPanel';
import { StatusBar } from './StatusBar';
import { BuildOverlay } from './BuildOverlay';
import { CasePicker } from './CasePicker';
import { KeyHelp } from './KeyHelp';
import { NeedlePanel } from './NeedlePanel';
import { installKeyboardShortcuts } from './actions';
import { installWheelGestures } from './wheelGesture';
import { AttemptBar } from './AttemptBar';
import { GuidedChecklist } from './GuidedChecklist';
import { CaseBriefing } from './CaseBriefing';
import { ReplayBar } from './ReplayBar';
import { SessionNotices } from './SessionNotices';
import { DebriefPage } from './DebriefPage';
import { ReviewPage } from './ReviewPage';
import { useSimStore } from '../state/store';
import { LanguageSelect } from './LanguageSelect';
import { useText } from '../i18n';

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
      {page === 'debrief' && <DebriefPage />}
      {page === 'review' && <ReviewPage />}
      {page === 'simulator' && <StatusBar />}
      <main className="workspace" hidden={page !== 'simulator'}>
        <div className="scene-pane">
          <SceneView />
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
