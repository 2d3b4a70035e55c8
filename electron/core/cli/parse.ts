// Argument parsing every CLI command shares: strict node:util parseArgs plus -h/--help,
// so a bad flag prints the same "atom-desktop <cmd>: <why>" + usage and exits 2 everywhere.
import { EXIT } from './exit-codes';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

type Config<O extends CommandOptions> = { args: string[]; options: O & typeof HELP_OPTION; strict: true; allowPositionals: boolean };

/** What parseArgs returns for these options (typed per option, help included). */
export type ParsedCommand<O extends CommandOptions> = ReturnType<typeof parseArgs<Config<O>>>;

/** Parses argv; { exit } means usage was printed (2 on a bad argument, 0 for --help). */
export function parseCommand<const O extends CommandOptions>(
  command: string,
  argv: string[],
  options: O,
  help: string,
  positionals = 0,
): ParsedCommand<O> | { exit: number } {
  let parsed: ParsedCommand<O>;
  try {
    const config: Config<O> = { args: argv, options: { ...options, ...HELP_OPTION }, strict: true, allowPositionals: positionals > 0 };
    parsed = parseArgs(config);
  } catch (err) {
    console.error(`atom-desktop ${command}: ${(err as Error).message}\n\n${help}`);
    return { exit: EXIT.usage };
  }
  // Generic over O, TypeScript cannot see `help` in values; it is always an option here.
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    return { exit: EXIT.ok };
  }
  if (parsed.positionals.length > positionals) {
    console.error(`atom-desktop ${command}: unexpected argument '${parsed.positionals[positionals]}'\n\n${help}`);
    return { exit: EXIT.usage };
  }
  return parsed;
}
