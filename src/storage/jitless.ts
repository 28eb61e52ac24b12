/*
 * Entry points import this first. The configuring itself is in core/zod.ts, which every schema
 * module imports `z` from (a bundler may evaluate a shared chunk of schemas before an entry's body).
 */
import '../core/zod';
