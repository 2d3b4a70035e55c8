// `atom-desktop logs SERVICE [-f] [--tail N] [--timestamps]`: a service's output,
// stdout to stdout and stderr to stderr.
import { LogDemuxer } from '../../engine/demux';
import { AppError } from '../../../../shared/result';
import { projectContainers } from '../../engine/find';
import { COMMON_USAGE, EXIT, parseStackArgs, withStack } from '../stack-options';

const HELP = `usage: atom-desktop logs ${COMMON_USAGE} SERVICE [-f] [--tail N] [--timestamps]

Prints a service's logs.
  -f, --follow      keep printing new lines until the container stops (Ctrl-C to quit)
  --tail N          only the last N lines (default: all)
  -t, --timestamps  prefix each line with the engine's timestamp`;

export async function run(argv: string[]): Promise<number> {
  const args = parseStackArgs(
    'logs',
    argv,
    { follow: { type: 'boolean', short: 'f' }, tail: { type: 'string' }, timestamps: { type: 'boolean', short: 't' } },
    HELP,
    1,
  );
  if (typeof args === 'number') return args;
  const service = args.positionals[0];
  if (!service) {
    console.error(`atom-desktop logs: which service?\n\n${HELP}`);
    return EXIT.usage;
  }
  const tail = args.values.tail as string | undefined;
  if (tail !== undefined && tail !== 'all' && !/^\d+$/.test(tail)) {
    console.error(`atom-desktop logs: --tail must be a number of lines or 'all', got '${tail}'`);
    return EXIT.usage;
  }
  const follow = !!args.values.follow;
  const withTs = !!args.values.timestamps;
  return withStack('logs', args.values, async ({ model, docker }) => {
    if (!model.services[service])
      throw new AppError('NOT_FOUND', `no such service: ${service} (services: ${model.order.join(', ')})`, { service });
    const c = (await projectContainers(docker, model.name)).get(service)?.[0];
    if (!c) throw new AppError('NOT_FOUND', `service ${service} has no container: run 'atom-desktop up' first`, { service });
    const container = docker.getContainer(c.Id);
    const info = await container.inspect();
    const demux = new LogDemuxer(!!info.Config.Tty, true);
    const print = (lines: ReturnType<LogDemuxer['push']>) => {
      for (const l of lines)
        (l.stream === 'stderr' ? process.stderr : process.stdout).write(`${withTs && l.ts ? `${l.ts} ` : ''}${l.text}\n`);
    };
    const opts = { stdout: true, stderr: true, timestamps: true, ...(tail === undefined || tail === 'all' ? {} : { tail: Number(tail) }) };
    if (!follow) {
      const buf: unknown = await container.logs({ ...opts, follow: false });
      print(demux.push(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf))));
      print(demux.end());
      return;
    }
    const stream = (await container.logs({ ...opts, follow: true })) as NodeJS.ReadableStream & { destroy?: () => void };
    await new Promise<void>((resolve, reject) => {
      const stop = () => {
        stream.destroy?.();
        resolve();
      };
      process.once('SIGINT', stop);
      stream.on('data', (chunk: Buffer) => print(demux.push(chunk)));
      stream.on('end', () => {
        print(demux.end());
        process.off('SIGINT', stop);
        resolve();
      });
      stream.on('error', (e: unknown) => {
        process.off('SIGINT', stop);
        reject(e);
      });
    });
  });
}
