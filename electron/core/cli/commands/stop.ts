// `atom-desktop stop`: stop the stack, dependents first, each with its stop_grace_period.
import { COMMON_USAGE, parseStackArgs, withStack } from '../stack-options';

const HELP = `usage: atom-desktop stop ${COMMON_USAGE}

Stops the stack's containers (dependents first) without removing them.`;

export async function run(argv: string[]): Promise<number> {
  const args = parseStackArgs('stop', argv, {}, HELP);
  if (typeof args === 'number') return args;
  return withStack('stop', args.values, async ({ engine }) => {
    await engine.stop();
  });
}
