#!/usr/bin/env node
// The CLI runs the TypeScript core directly (tsx), so a checkout needs no build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../electron/core/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A finished command must not hang on a lingering socket; the unref'd timer only
// fires when something would otherwise keep the process alive.
setTimeout(() => process.exit(code), 1500).unref();
