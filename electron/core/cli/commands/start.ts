// `atom-desktop start`: start the stack's existing containers (nothing is created).
import { COMMON_USAGE, EXIT, parseStackArgs, secondsOption, UsageError, withStack } from '../stack-options';

const HELP = `usage: atom-desktop start ${COMMON_USAGE} [--wait] [--timeout SECONDS]

Starts the existing containers of the stack, dependencies first.`;

export async function run(argv: string[]): Promise<number> {
  const args = parseStackArgs('start', argv, { wait: { type: 'boolean' }, timeout: { type: 'string' } }, HELP);
  if (typeof args === 'number') return args;
  const timeoutMs = secondsOption('start', 'timeout', args.values.timeout, 300);
  if (timeoutMs instanceof UsageError) {
    console.error(timeoutMs.message);
    return EXIT.usage;
  }
  return withStack('start', args.values, async ({ engine }) => {
    await engine.start({ wait: !!args.values.wait, timeoutMs });
  });
}
