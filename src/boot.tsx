/**
 * The app itself: loaded by the entry (main.tsx) once the simulation worker has been created.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { useSimStore } from './state/store';
import { imagePipeline } from './state/imagePipeline';
import { installAutomation } from './automation/sim';
import { startAutosave } from './state/attemptStorage';
import { getWorkerClient } from './state/workerClient';
import './ui/styles.css';

installAutomation();
imagePipeline.start();
getWorkerClient().onFluid((fluid) => useSimStore.getState().showFluid(fluid));
startAutosave();
// A cmi5 launch or a configured LRS: its outbox and session start; otherwise nothing is loaded.
void import('./lrs/programme').then((lrs) => lrs.startProgramme()).catch((error: unknown) => console.error('Could not start the LRS outbox', error));
void useSimStore.getState().loadCase().catch((error: unknown) => console.error('Could not build the knee', error));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
