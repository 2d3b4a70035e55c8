// A shell in a running container with a TTY: `docker exec -it` through the Engine API
// (exec create, then a hijacked start whose socket carries the terminal both ways).
import type Dockerode from 'dockerode';
import type { Duplex } from 'node:stream';
import type { TerminalShell } from '../../../shared/stack';
import type { TtyProcess } from './terminal-session';

export interface TerminalRequest {
  service: string;
  shell: TerminalShell;
  cols: number;
  rows: number;
}

/** The command each shell choice runs; auto prefers bash and falls back to sh, inside the container. */
export function shellCommand(shell: TerminalShell): string[] {
  if (shell === 'auto') return ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; fi; exec sh'];
  return [shell];
}

export async function openExecTty(
  docker: Dockerode,
  containerId: string,
  shell: TerminalShell,
  cols: number,
  rows: number,
): Promise<TtyProcess> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: shellCommand(shell),
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color'],
  });
  // ConsoleSize sets the size from the first byte where the engine knows it (API 1.42+);
  // older engines ignore it and take the resize that follows.
  const stream = (await exec.start({
    hijack: true,
    stdin: true,
    Tty: true,
    ConsoleSize: [rows, cols],
  } as Dockerode.ExecStartOptions)) as Duplex;
  const resize = async (c: number, r: number): Promise<void> => {
    await exec.resize({ h: r, w: c });
  };
  await resize(cols, rows).catch(() => undefined);
  return {
    stream,
    resize,
    exitCode: async () => {
      // The stream can end a moment before the engine records the exit.
      for (let i = 0; i < 20; i++) {
        const info = await exec.inspect();
        if (!info.Running) return info.ExitCode ?? null;
        await new Promise((r) => setTimeout(r, 50));
      }
      return null;
    },
  };
}
