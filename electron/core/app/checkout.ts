// Opening an Atom checkout: find its docker-compose-personal.yml, offer .env from the
// .env.personal template, and fill the variables the file requires. Only `.env` in that
// folder is ever written: atomically, never over an existing file without a dated
// backup, and values are never sent back (only whether each is set).
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { CheckoutInfo } from '../../../shared/settings';
import { AppError } from '../../../shared/result';
import { parseDotenv } from '../compose/dotenv';
import { requiredVariables } from '../compose/required-vars';
import { isSecretKey } from '../compose/secret';
import { copyIfAbsent, isDirectory, stamp, writeAtomically } from './atomic-file';

export const CHECKOUT_COMPOSE = 'docker-compose-personal.yml';
export const CHECKOUT_TEMPLATE = '.env.personal';
const ENV_NAME = /^[_A-Za-z][_A-Za-z0-9]*$/;

function folderOf(folder: string): string {
  if (!isAbsolute(folder)) throw new AppError('BAD_REQUEST', `give the checkout folder as an absolute path, got ${JSON.stringify(folder)}`);
  const dir = resolve(folder);
  if (!isDirectory(dir)) throw new AppError('NOT_FOUND', `${dir} is not a folder`, { folder: dir });
  return dir;
}

const readEnv = (path: string): Record<string, string> => {
  if (!existsSync(path)) return {};
  try {
    return parseDotenv(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('COMPOSE_INVALID', `${path}: ${(err as Error).message}`, { file: path });
  }
};

/** What the folder holds and which required variables are still unset (from .env or the environment). */
export function inspectCheckout(folder: string, env: NodeJS.ProcessEnv = process.env): CheckoutInfo {
  const dir = folderOf(folder);
  const composeFile = join(dir, CHECKOUT_COMPOSE);
  if (!existsSync(composeFile)) {
    throw new AppError('NOT_FOUND', `${dir} has no ${CHECKOUT_COMPOSE}: is it an Atom checkout?`, { folder: dir });
  }
  const envPath = join(dir, '.env');
  const values = readEnv(envPath);
  const required = requiredVariables(readFileSync(composeFile, 'utf8')).map((v) => {
    const value = values[v.name] ?? env[v.name];
    const set = value !== undefined && !(v.emptyIsMissing && value === '');
    return { name: v.name, message: v.message, set, secret: isSecretKey(v.name) };
  });
  return {
    folder: dir,
    composeFile,
    envFile: envPath,
    envExists: existsSync(envPath),
    template: existsSync(join(dir, CHECKOUT_TEMPLATE)) ? join(dir, CHECKOUT_TEMPLATE) : null,
    required,
  };
}

/** .env from .env.personal, only when there is no .env yet. */
export function createEnvFromTemplate(folder: string): CheckoutInfo {
  const dir = folderOf(folder);
  const template = join(dir, CHECKOUT_TEMPLATE);
  if (!existsSync(template)) throw new AppError('NOT_FOUND', `${dir} has no ${CHECKOUT_TEMPLATE} to copy`, { folder: dir });
  if (!copyIfAbsent(template, join(dir, '.env'))) {
    throw new AppError('BAD_REQUEST', `${join(dir, '.env')} already exists: it is kept as it is`, { file: join(dir, '.env') });
  }
  return inspectCheckout(dir);
}

/** `KEY=value` with the quoting .env needs: plain when safe, else single quotes. */
function envLine(key: string, value: string): string {
  return /^[\w@%+=:,./-]*$/.test(value) ? `${key}=${value}` : `${key}='${value.replace(/'/g, "'\\''")}'`;
}

/**
 * Writes the given values into .env: existing lines for those keys are replaced, the
 * others appended; every other line is kept. The previous .env is kept as a dated backup.
 */
export function saveEnvValues(folder: string, values: Record<string, string>, now = new Date()): CheckoutInfo & { backup: string | null } {
  const dir = folderOf(folder);
  for (const [k, v] of Object.entries(values)) {
    if (!ENV_NAME.test(k)) throw new AppError('BAD_REQUEST', `${JSON.stringify(k)} is not a variable name`, { key: k });
    if (/[\r\n]/.test(v)) throw new AppError('BAD_REQUEST', `the value of ${k} spans lines: a .env value must be one line`, { key: k });
  }
  const envPath = join(dir, '.env');
  const before = existsSync(envPath) ? readFileSync(envPath, 'utf8') : '';
  let backup: string | null = null;
  if (existsSync(envPath)) {
    backup = join(dir, `.env.backup-${stamp(now)}`);
    if (!copyIfAbsent(envPath, backup)) throw new AppError('INTERNAL', `a backup named ${backup} already exists`, { file: backup });
  }
  const pending = new Map(Object.entries(values));
  const lines = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out = lines.map((line) => {
    const key = /^\s*(?:export\s+)?([_A-Za-z][_A-Za-z0-9]*)\s*=/.exec(line)?.[1];
    if (!key || !pending.has(key)) return line;
    const v = pending.get(key)!;
    pending.delete(key);
    return envLine(key, v);
  });
  for (const [k, v] of pending) out.push(envLine(k, v));
  writeAtomically(envPath, `${out.join('\n')}\n`, '.env');
  return { ...inspectCheckout(dir), backup };
}
