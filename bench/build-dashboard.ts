// Benchmarks that open the dashboard build it first, so they run on a fresh clone and
// always measure the renderer as it is in the working tree.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function buildDashboard(): void {
  console.log('building the dashboard (npm run build:renderer)…');
  execFileSync('npm', ['run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
