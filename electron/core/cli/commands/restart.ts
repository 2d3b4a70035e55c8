// `atom-desktop restart SERVICE`: restart one service's container.
import { COMMON_USAGE, EXIT, parseStackArgs, withStack } from '../stack-options';

const HELP = `usage: atom-desktop restart ${COMMON_USAGE} SERVICE

Restarts one service (stop with its grace period, then start).`;

export async function run(argv: string[]): Promise<number> {
  const args = parseStackArgs('restart', argv, {}, HELP, 1);
  if (typeof args === 'number') return args;
  const service = args.positionals[0];
  if (!service) {
    console.error(`atom-desktop restart: which service?\n\n${HELP}`);
    return EXIT.usage;
  }
  // An unknown service is a NOT_FOUND 'no such service' error: exit code 2.
  return withStack('restart', args.values, async ({ engine }) => {
    await engine.restartService(service);
  });
}
