// ssh2, loaded on first use: only ssh:// engines and tunnels need it, and loading it is a
// large part of every command's start. It is CommonJS, so require() loads it the same
// from the sources and from the CLI's bundle (which runs where import() cannot).
import { createRequire } from 'node:module';
import type * as Ssh2 from 'ssh2';
import type { Client } from 'ssh2';

export async function newSsh2Client(): Promise<Client> {
  const { Client: ClientClass } = createRequire(import.meta.url)('ssh2') as typeof Ssh2;
  return new ClientClass();
}
