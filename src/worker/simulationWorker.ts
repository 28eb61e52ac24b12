/// <reference lib="webworker" />
import '../storage/jitless';
import { createWorkerHost } from './host';
import { codeVersionOf, createVolumeCache } from './volumeCache';
import type { RequestMessage } from './protocol';
import { startCaseParameters } from '../core/cases/cases';

/**
 * The heavy loops — voxelising the knee, forming image frames, spreading injectate — run here,
 * in the sessions of host.ts.
 */
const scope = self as DedicatedWorkerGlobalScope;
// The volume cache only where the bundle's name says which build it is (not in development).
const codeVersion = codeVersionOf(import.meta.url);
const volumeCache = codeVersion && typeof indexedDB !== 'undefined' ? createVolumeCache({ codeVersion }) : null;
const host = createWorkerHost({ post: (message, transfer) => scope.postMessage(message, transfer), volumeCache });
scope.onmessage = (event: MessageEvent<RequestMessage>) => host.handle(event.data);
// The page opens this case as it starts: its stored volume is read now, while the page is still
// loading. A worker started again after a crash (prestart.ts names it so) serves the page's own case.
if (scope.name !== 'simulation-restarted') host.prepare(startCaseParameters());
