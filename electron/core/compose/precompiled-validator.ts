// The compose-spec validator compiled ahead of time. In the sources this is empty and
// validate.ts compiles the schema with ajv at first use (~250 ms); the CLI bundle
// (scripts/build-cli.mjs) replaces this module with ajv's standalone code for the same
// schema and options, so `atom-desktop config` and `ps` start without compiling it.
import type { ValidateFunction } from 'ajv';

export const precompiled: ValidateFunction | null = null;
