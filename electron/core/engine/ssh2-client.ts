// ssh2, loaded on first use: only ssh:// engines and tunnels need it, and loading it is a
// large part of every command's start. It is CommonJS: under Node's ESM loader its
// exports are on `default`, in a bundle on the namespace itself.
import type { Client } from 'ssh2';

export async function newSsh2Client(): Promise<Client> {
  const mod = await import('ssh2');
  const { Client: ClientClass } = (mod as unknown as { default?: typeof mod }).default ?? mod;
  return new ClientClass();
}
