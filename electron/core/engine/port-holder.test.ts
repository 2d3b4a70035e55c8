import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findPortHolder, listeningInodes } from './port-holder';

const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:18EB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:18EB 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 5151 1 0000000000000000 20 4 30 10 -1
   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 10 0`;

describe('port holder', () => {
  it('reads the listening socket of a port from a /proc/net table, not its connections', () => {
    expect(listeningInodes(TABLE, 6379, false)).toEqual(['4242']);
    expect(listeningInodes(TABLE, 8080, false)).toEqual(['777']);
    expect(listeningInodes(TABLE, 1234, false)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('names this process as the holder of a port it listens on', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const holder = await findPortHolder(port);
      expect(holder?.pid).toBe(process.pid);
      expect(holder?.command).toMatch(/node/);
    } finally {
      server.close();
    }
  });
});
