// The e2e run needs the engine and the fixture images, exactly like the integration
// tests: same scripts, same variables.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function globalSetup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('bash', [join(root, 'scripts', 'ensure-engine.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const out = execFileSync('bash', [join(root, 'scripts', 'fixtures.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const m = /^([A-Z_]+)=(.+)$/.exec(line.trim());
    if (m) process.env[m[1]!] = m[2]!;
  }
  if (!process.env.VALKEY_IMAGE || !process.env.ATOM_BACKEND_IMAGE) {
    throw new Error('scripts/fixtures.sh did not print VALKEY_IMAGE and ATOM_BACKEND_IMAGE');
  }
}
