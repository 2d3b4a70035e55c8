// A port on the far side of an ssh:// engine, reachable here: a listener on this
// machine's loopback whose connections are forwarded over SSH (direct-tcpip, ssh2's
// forwardOut) to host:port as the remote machine sees it. How the monitor reaches a
// Valkey the stack publishes on the remote host's 127.0.0.1.
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { ConnectConfig } from 'ssh2';
import { newSsh2Client } from './ssh2-client';

export interface Tunnel {
  /** The local port (on 127.0.0.1) that leads to the remote host:port. */
  port: number;
  close(): void;
}

export async function openTunnel(config: ConnectConfig, remoteHost: string, remotePort: number): Promise<Tunnel> {
  const client = await newSsh2Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.connect({ keepaliveInterval: 15_000, ...config });
  });
  client.on('error', () => {}); // a lost connection fails the forwarded sockets, which the monitor reports
  const server: Server = createServer((socket) => {
    // Nothing listens there yet (Valkey starting or gone): the client just sees the
    // connection close, and retries as it would against Valkey itself.
    socket.on('error', () => {});
    client.forwardOut('127.0.0.1', 0, remoteHost, remotePort, (err, stream) => {
      if (err) return socket.destroy();
      socket.pipe(stream).pipe(socket);
      socket.on('error', () => stream.destroy());
      stream.on('error', () => socket.destroy());
      socket.on('close', () => stream.destroy());
    });
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.close();
      client.end();
    },
  };
}
