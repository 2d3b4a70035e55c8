// Benchmarks build what they measure first, so they run on a fresh clone and always
// measure the working tree: the dashboard, and the CLI bundle (bin/atom-desktop.mjs
// runs it only while it is newer than every source, else the TypeScript through tsx,
// which would add its compile time to every command timed).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function buildDashboard(): void {
  console.log('building the dashboard (npm run build:renderer)…');
  execFileSync('npm', ['run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function buildCli(): void {
  console.log('building the CLI bundle (npm run build:cli)…');
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
