// `atom-desktop serve`: the whole app without Electron. The dashboard is served on
// loopback with a random token; the same contract runs over a WebSocket.
import { EXIT } from '../exit-codes';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../app/create-core';
import { startWebServer } from '../../server/web-server';
import { parseCommand } from '../parse';
import { defaultSettingsPath, packageVersion, RENDERER_DIST, REPO_ROOT } from '../paths';

const HELP = `usage: atom-desktop serve [--port N] [--host 127.0.0.1] [-f FILE]... [--env-file FILE] [-p NAME]
                          [--settings FILE] [--static DIR]

Serves the dashboard at http://127.0.0.1:PORT/?token=... (loopback only).`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    'serve',
    argv,
    {
      port: { type: 'string', default: '0' },
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
    settingsPath: args.settings ?? defaultSettingsPath(),
    version: packageVersion(),
    overrides: {
      ...(args.file ? { files: args.file } : {}),
      ...(args['env-file'] ? { envFile: args['env-file'] } : {}),
      ...(args['project-name'] ? { projectName: args['project-name'] } : {}),
    },
  });
  let server;
  try {
    server = await startWebServer({ core, staticDir, host: args.host, port });
  } catch (err) {
    await core.shutdown();
    console.error(`atom-desktop serve: ${(err as Error).message}`);
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
