/// <reference lib="webworker" />
import './jitless';
import { errorMessage, SimError } from '../core/simError';
import { parseImport } from './exchange';

/*
 * Reads and checks an attempts file off the main thread: JSON.parse and the schema over a large file
 * take seconds, which would freeze the page. Answers once, with the attempts or the refusal.
 */
self.onmessage = (message: MessageEvent<{ json: string; nowMs: number }>) => {
  try {
    const { attempts } = parseImport(message.data.json, message.data.nowMs);
    self.postMessage({ ok: true, attempts });
  } catch (error) {
    // The refusal's key and values cross over, not its text: the page words it in its language.
    const code = error instanceof SimError ? error.code : null;
    self.postMessage({ ok: false, code, said: errorMessage(error) });
  }
};
