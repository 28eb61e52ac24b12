import { useEffect } from 'react';
import { SceneView } from '../scene/SceneView';
import { UltrasoundPanel } from './UltrasoundPanel';
import { ControlsPanel } from './ControlsPanel';
import { StatusBar } from './StatusBar';
import { BuildOverlay } from './BuildOverlay';
import { CasePicker } from './CasePicker';
import { KeyHelp } from './KeyHelp';
import { NeedlePanel } from './NeedlePanel';
import { installKeyboardShortcuts } from './actions';

export function App() {
  useEffect(() => installKeyboardShortcuts(), []);
  return (
    <div className="app">
      <header className="app-header">
        <h1>CPN Hydrodissection Trainer</h1>
        <CasePicker />
      </header>
      <StatusBar />
      <main className="workspace">
        <div className="scene-pane">
          <SceneView />
          <BuildOverlay />
        </div>
        <aside className="side-pane">
          <UltrasoundPanel />
          <NeedlePanel />
          <ControlsPanel />
          <KeyHelp />
        </aside>
      </main>
    </div>
  );
}
