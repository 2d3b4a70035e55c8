#!/usr/bin/env node
// The CLI runs the TypeScript core directly (tsx), so a checkout needs no build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../electron/core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
