// `atom-desktop down [--volumes]`: stop and remove the containers and project networks.
import { COMMON_USAGE, parseStackArgs, withStack } from '../stack-options';

const HELP = `usage: atom-desktop down ${COMMON_USAGE} [--volumes]

Stops and removes the stack's containers and networks.
  -v, --volumes   also remove the named volumes declared by the stack`;

export async function run(argv: string[]): Promise<number> {
  const args = parseStackArgs('down', argv, { volumes: { type: 'boolean', short: 'v' } }, HELP);
  if (typeof args === 'number') return args;
  return withStack('down', args.values, async ({ engine }) => {
    await engine.down({ volumes: !!args.values.volumes });
  });
}
