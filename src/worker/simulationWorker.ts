/// <reference lib="webworker" />
import '../storage/jitless';
import { createWorkerHost } from './host';
import type { RequestMessage } from './protocol';

/**
 * The heavy loops — voxelising the knee, forming image frames, spreading injectate — run here,
 * in the sessions of host.ts.
 */
const scope = self as DedicatedWorkerGlobalScope;
const host = createWorkerHost({ post: (message, transfer) => scope.postMessage(message, transfer) });
scope.onmessage = (event: MessageEvent<RequestMessage>) => host.handle(event.data);
