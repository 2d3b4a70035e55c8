// `atom-desktop serve`: the whole app without Electron. The dashboard is served on
// loopback, on a stable port, behind a token kept in the app's data folder (so a
// bookmark keeps working); the same contract runs over a WebSocket.
import { EXIT } from '../exit-codes';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createCore } from '../../app/create-core';
import { DEFAULT_SERVE_PORT, serveUrl, startWebServer } from '../../server/web-server';
import { loadOrCreateToken } from '../../server/serve-token';
import { findPortHolder } from '../../engine/port-holder';
import { parseCommand } from '../parse';
import { defaultSettingsPath, packageVersion, RENDERER_DIST, REPO_ROOT } from '../paths';

const HELP = `usage: atom-desktop serve [--port N] [--host 127.0.0.1] [-f FILE]... [--env-file FILE] [-p NAME]
                          [--settings FILE] [--static DIR] [--print-url]

Serves the dashboard at http://127.0.0.1:${DEFAULT_SERVE_PORT}/?token=... (loopback only).
  --port N      listen on N instead (0: any free port)
  --print-url   print the address (port and kept token) and exit
The token is kept in serve-token beside the settings file, readable by you only.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    'serve',
    argv,
    {
      port: { type: 'string', default: String(DEFAULT_SERVE_PORT) },
      'print-url': { type: 'boolean' },
      host: { type: 'string', default: '127.0.0.1' },
      file: { type: 'string', short: 'f', multiple: true },
      'env-file': { type: 'string' },
      'project-name': { type: 'string', short: 'p' },
      settings: { type: 'string' },
      static: { type: 'string' },
    },
    HELP,
  );
  if ('exit' in parsed) return parsed.exit;
  const args = parsed.values;
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`atom-desktop serve: --port must be 0..65535, got '${args.port}'`);
    return EXIT.usage;
  }
  const settingsPath = args.settings ?? defaultSettingsPath();
  const tokenPath = join(dirname(settingsPath), 'serve-token');
  let token: string;
  try {
    token = loadOrCreateToken(tokenPath).token;
  } catch (err) {
    console.error(`atom-desktop serve: cannot read or create the token at ${tokenPath}: ${(err as Error).message}`);
    return EXIT.failed;
  }
  if (args['print-url']) {
    console.log(serveUrl(args.host, port, token));
    return EXIT.ok;
  }
  const staticDir = args.static ?? RENDERER_DIST;
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(
      `atom-desktop serve: the dashboard is not built (${join(staticDir, 'index.html')} is missing): run 'npm run build:renderer'`,
    );
    return EXIT.usage;
  }

  const core = await createCore({
    mode: 'web',
    resourcesDir: REPO_ROOT,
    settingsPath,
    version: packageVersion(),
    overrides: {
      ...(args.file ? { files: args.file } : {}),
      ...(args['env-file'] ? { envFile: args['env-file'] } : {}),
      ...(args['project-name'] ? { projectName: args['project-name'] } : {}),
    },
  });
  let server;
  try {
    server = await startWebServer({ core, staticDir, host: args.host, port, token });
  } catch (err) {
    await core.shutdown();
    console.error(`atom-desktop serve: ${await listenError(err, port)}`);
    return EXIT.usage;
  }
  console.log(`Atom Desktop is serving at ${server.url}`);
  console.log('Open that address in a browser; press Ctrl+C to stop (the stack keeps running).');

  const settings = await core.dispatch('settings.get', {});
  if (settings.ok && settings.value.startOnOpen) {
    void core.dispatch('stack.up', {}).then((r) => {
      if (!r.ok) console.error(`Start on open failed: ${r.error.message}`);
    });
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await server.close();
      await core.shutdown({ stopStack: false });
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** A taken port names who holds it and the way out. */
async function listenError(err: unknown, port: number): Promise<string> {
  if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') return (err as Error).message;
  const holder = await findPortHolder(port);
  return `port ${port} is in use${holder ? ` by pid ${holder.pid} (${holder.command})` : ''}: is another 'atom-desktop serve' running? Pass --port N to use another (0: any free port)`;
}
