// `atom-desktop`: the headless face of the core. Each subcommand lives in its own
// module under ./commands and is loaded only when used (fast start for `ps`).
import { EXIT } from './exit-codes';

export type CommandModule = { run(argv: string[]): Promise<number> };

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  config: { summary: 'print the normalized compose model', load: () => import('./commands/config') },
  up: { summary: 'create and start the stack', load: () => import('./commands/up') },
  down: { summary: 'stop and remove the stack', load: () => import('./commands/down') },
  stop: { summary: 'stop the stack', load: () => import('./commands/stop') },
  start: { summary: 'start existing containers of the stack', load: () => import('./commands/start') },
  restart: { summary: 'restart one service', load: () => import('./commands/restart') },
  ps: { summary: 'list the services and their state', load: () => import('./commands/ps') },
  logs: { summary: "print a service's logs", load: () => import('./commands/logs') },
  monitor: { summary: 'print agent messages from Valkey pub/sub', load: () => import('./commands/monitor') },
  publish: { summary: 'publish a test agent message', load: () => import('./commands/publish') },
  history: { summary: 'what the app recorded: messages, logs, events; export and import', load: () => import('./commands/history') },
  replay: { summary: 'publish recorded messages to Valkey again', load: () => import('./commands/replay') },
  serve: { summary: 'serve the dashboard on 127.0.0.1 (headless)', load: () => import('./commands/serve') },
};

export function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return `usage: atom-desktop <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'atom-desktop <command> --help' for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    console.error(`atom-desktop: unknown command '${name}'\n\n${usage()}`);
    return EXIT.usage;
  }
  const mod = await sub.load();
  return mod.run(rest);
}
