// `atom-desktop up [--build] [--wait] [--timeout S]`: create and start the stack.
import { COMMON_USAGE, EXIT, parseStackArgs, secondsOption, UsageError, withStack } from '../stack-options';

const HELP = `usage: atom-desktop up ${COMMON_USAGE} [--build] [--wait] [--timeout SECONDS]

Creates and starts the stack (dependencies first, honouring depends_on conditions).
  --build         build the images of build: services first, even when they exist
  --wait          return only when every service is healthy (or running without a healthcheck)
  --timeout S     give up after S seconds (default 300)`;

export async function run(argv: string[]): Promise<number> {
  const args = parseStackArgs(
    'up',
    argv,
    { wait: { type: 'boolean' }, build: { type: 'boolean' }, timeout: { type: 'string' }, detach: { type: 'boolean', short: 'd' } },
    HELP,
  );
  if (typeof args === 'number') return args;
  const timeoutMs = secondsOption('up', 'timeout', args.values.timeout, 300);
  if (timeoutMs instanceof UsageError) {
    console.error(timeoutMs.message);
    return EXIT.usage;
  }
  // Ctrl-C cancels the Start: what it created is rolled back before the exit (130).
  let cancelled = false;
  let cancel = (): boolean => false;
  const onSignal = () => {
    cancelled = true;
    if (!cancel()) process.exit(EXIT.cancelled);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await withStack('up', args.values, async ({ engine }) => {
      cancel = () => engine.cancel();
      if (cancelled) engine.cancel();
      await engine.up({ wait: !!args.values.wait, timeoutMs, build: !!args.values.build });
    });
    return cancelled && code !== EXIT.ok ? EXIT.cancelled : code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
