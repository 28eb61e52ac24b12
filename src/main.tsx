import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { useSimStore } from './state/store';
import { imagePipeline } from './state/imagePipeline';
import { installAutomation } from './automation/sim';
import { startAutosave } from './state/attemptStorage';
import { startCoaching } from './state/coaching';
import './ui/styles.css';

installAutomation();
imagePipeline.start();
startAutosave();
startCoaching();
void useSimStore.getState().loadCase().catch((error: unknown) => console.error('Could not build the knee', error));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
