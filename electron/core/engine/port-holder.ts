// Which local process listens on a host port, "where the OS tells us": on Linux from
// /proc (the listening socket's inode, then the process holding it), elsewhere from
// lsof when it is installed. Only meaningful when the engine runs on this machine.
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface PortHolder {
  pid: number;
  command: string;
}

const TCP_LISTEN = '0A';

/** Inodes of sockets listening on `port` (TCP) or bound to it (UDP), from /proc/net tables. */
export function listeningInodes(table: string, port: number, udp: boolean): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const local = f[1] ?? '';
    if (!local.endsWith(`:${hex}`)) continue;
    if (!udp && f[3] !== TCP_LISTEN) continue;
    if (f[9] && f[9] !== '0') out.push(f[9]);
  }
  return out;
}

async function linuxHolder(port: number, protocol: string): Promise<PortHolder | null> {
  const udp = protocol === 'udp';
  const tables = udp ? ['/proc/net/udp', '/proc/net/udp6'] : ['/proc/net/tcp', '/proc/net/tcp6'];
  const inodes = new Set<string>();
  for (const t of tables) {
    const text = await readFile(t, 'utf8').catch(() => '');
    for (const i of listeningInodes(text, port, udp)) inodes.add(`socket:[${i}]`);
  }
  if (inodes.size === 0) return null;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (!inodes.has(target)) continue;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
      const command = cmdline.split('\0').filter(Boolean).join(' ') || comm || '?';
      return { pid: Number(pid), command: command.length > 200 ? `${command.slice(0, 199)}…` : command };
    }
  }
  return null;
}

function lsofHolder(port: number, protocol: string): Promise<PortHolder | null> {
  const args = protocol === 'udp' ? ['-nP', `-iUDP:${port}`, '-Fpc'] : ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'];
  return new Promise((resolve) => {
    execFile('lsof', args, { timeout: 3000 }, (err, stdout) => {
      if (err && !stdout) return resolve(null);
      const pid = /^p(\d+)$/m.exec(stdout)?.[1];
      const command = /^c(.+)$/m.exec(stdout)?.[1];
      resolve(pid ? { pid: Number(pid), command: command ?? '?' } : null);
    });
  });
}

/** The process holding a local port, or null when the OS does not say (or lets us not see it). */
export function findPortHolder(port: number, protocol = 'tcp'): Promise<PortHolder | null> {
  if (process.platform === 'linux') return linuxHolder(port, protocol).catch(() => null);
  if (process.platform === 'darwin') return lsofHolder(port, protocol);
  return Promise.resolve(null);
}
