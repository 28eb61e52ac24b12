import { z } from 'zod';

/*
 * zod compiles object parsers with `new Function` unless told not to, which a Content-Security-
 * Policy without 'unsafe-eval' refuses (and reports). Schemas read this flag when they are built,
 * so this module is imported first by every entry point (main.tsx, the workers).
 */
z.config({ jitless: true });
