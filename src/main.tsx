import './storage/jitless';
// Starts the simulation worker before the rest of the page is evaluated (see prestart.ts).
import './worker/prestart';

// The app comes in a chunk of its own, loaded after this module has returned: the browser starts
// the worker created above only once this thread is free, and evaluating the app (React, three, the
// UI) is the page's longest task. Imported statically, the worker's script would wait behind it.
import('./boot').catch((error: unknown) => console.error('Could not load the app', error));
