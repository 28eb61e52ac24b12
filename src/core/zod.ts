import { z } from 'zod';

/*
 * zod, configured before any schema exists. zod decides per schema, when the schema is built,
 * whether to compile its parser with `new Function`; the Content-Security-Policy has no
 * 'unsafe-eval', so it must never try (even a caught attempt is reported as a violation). Every
 * module that builds schemas imports `z` from here, so this runs first whatever order the bundler
 * puts the chunks in.
 */
z.config({ jitless: true });

export { z };
