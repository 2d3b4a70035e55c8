// `atom-desktop config`: load the compose files like `docker compose config` and print
// the normalized model (yaml, or json with --format json). Warnings and errors go to
// stderr, one problem per line as file:line:col: path: message.
import { EXIT } from '../exit-codes';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { toComposeConfigJson } from '../../compose/config-json';
import { loadStack } from '../../compose/load';
import { ComposeError, formatWarning } from '../../compose/model';
import { parseCommand } from '../parse';

const USAGE = `usage: atom-desktop config [-f FILE]... [--project-directory DIR] [--env-file FILE] [-p NAME] [--profile P]... [--format yaml|json]

Prints the normalized compose model. Default file: docker-compose-personal.yml in the
project directory (--project-directory, else the current one), else compose.yaml,
compose.yml, docker-compose.yml, docker-compose.yaml.`;

const DEFAULT_FILES = ['docker-compose-personal.yml', 'compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

export function defaultComposeFile(cwd: string): string | null {
  for (const f of DEFAULT_FILES) if (existsSync(resolve(cwd, f))) return resolve(cwd, f);
  return null;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    'config',
    argv,
    {
      file: { type: 'string', short: 'f', multiple: true },
      'project-directory': { type: 'string' },
      'env-file': { type: 'string' },
      'project-name': { type: 'string', short: 'p' },
      profile: { type: 'string', multiple: true },
      format: { type: 'string', default: 'yaml' },
    },
    USAGE,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  if (values.format !== 'yaml' && values.format !== 'json') {
    console.error(`atom-desktop config: --format must be yaml or json, got ${JSON.stringify(values.format)}`);
    return EXIT.usage;
  }
  const cwd = process.cwd();
  const projectDir = values['project-directory'] ? resolve(cwd, values['project-directory']) : null;
  const lookIn = projectDir ?? cwd;
  const files = values.file?.length ? values.file : [defaultComposeFile(lookIn)].filter((f): f is string => f !== null);
  if (!files.length) {
    console.error(`atom-desktop config: no compose file found in ${lookIn} (looked for ${DEFAULT_FILES.join(', ')}); use -f FILE`);
    return EXIT.usage;
  }
  try {
    const { model, warnings } = loadStack({
      files,
      envFile: values['env-file'] ?? null,
      projectName: values['project-name'] ?? null,
      profiles: values.profile ?? [],
      projectDir,
      cwd,
    });
    for (const w of warnings) console.error(`warning: ${formatWarning(w)}`);
    const out = toComposeConfigJson(model);
    process.stdout.write(values.format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : stringify(out, { lineWidth: 0 }));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ComposeError) {
      for (const line of e.message.split('\n')) console.error(line);
      return EXIT.usage;
    }
    throw e;
  }
}
