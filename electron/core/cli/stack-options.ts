// What every stack command shares: -f/--env-file/-p parsing, loading the model,
// reaching the engine, printing progress on stderr, and exit codes scripts can trust:
// the table in ./exit-codes.
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { ProgressEvent } from '../../../shared/stack';
import { openStackCore, type StackCore } from '../app/stack-core';
import type { SelectionOverrides } from '../app/stack-files';
import type { StackModel } from '../compose/model';
import type { EngineConnection } from '../engine/connection';
import type { StackEngine } from '../engine/stack-engine';
import { asAppError } from '../engine/errors';
import { EXIT } from './exit-codes';
import { parseCommand, type CommandOptions } from './parse';
import { REPO_ROOT } from './paths';

export { EXIT };
export const DEFAULT_FILE = 'docker-compose-personal.yml';
export const COMMON_USAGE = '[-f FILE]... [--project-directory DIR] [--env-file FILE] [-p NAME]';

const COMMON: CommandOptions = {
  file: { type: 'string', short: 'f', multiple: true },
  'project-directory': { type: 'string' },
  'env-file': { type: 'string' },
  'project-name': { type: 'string', short: 'p' },
};

export class UsageError extends Error {}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses argv with the common options plus the command's own; a number means "exit with it". */
export function parseStackArgs(command: string, argv: string[], extra: CommandOptions, help: string, positionals = 0): ParsedArgs | number {
  const parsed = parseCommand(command, argv, { ...COMMON, ...extra }, help, positionals);
  return 'exit' in parsed ? parsed.exit : (parsed as ParsedArgs);
}

/**
 * -f/--project-directory/--env-file/-p as the core's stack selection. Without -f the
 * file is docker-compose-personal.yml, in the project directory when one is given (an
 * Atom checkout: `up --project-directory ~/atom`), else here. As in compose v2, -f paths
 * are relative to the current folder, and relative paths inside the files to the
 * project directory.
 */
export function selectionFromArgs(values: ParsedArgs['values']): SelectionOverrides {
  const projectDir = (values['project-directory'] as string | undefined) ?? null;
  return {
    files: (values.file as string[] | undefined) ?? [projectDir ? join(projectDir, DEFAULT_FILE) : DEFAULT_FILE],
    envFile: (values['env-file'] as string | undefined) ?? null,
    projectName: (values['project-name'] as string | undefined) ?? null,
    projectDir,
  };
}

/** Waits for the first verdict on the engine (no retry loop for a CLI); prints why and what to do when there is none. */
export async function engineReady(command: string, connection: EngineConnection, timeoutMs = 10_000): Promise<number | null> {
  const settled = new Promise<void>((resolve) => {
    if (connection.state().status !== 'connecting') return resolve();
    const off = connection.onState((s) => {
      if (s.status !== 'connecting') {
        queueMicrotask(() => off());
        resolve();
      }
    });
  });
  await Promise.race([settled, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  const s = connection.state();
  if (s.status === 'connected' && connection.docker()) return null;
  const why = s.status === 'unavailable' ? `${s.reason}\n${s.hint}` : `no answer within ${timeoutMs / 1000} s`;
  console.error(`atom-desktop ${command}: the container engine is not available: ${why}`);
  return EXIT.engine;
}

/** Exit code and message for an operation failure. */
export function reportFailure(command: string, err: unknown): number {
  const e = asAppError(err);
  console.error(`atom-desktop ${command}: ${e.message} [${e.code}]`);
  if (e.code === 'ENGINE_UNAVAILABLE') return EXIT.engine;
  if (e.code === 'COMPOSE_INVALID' || (e.code === 'NOT_FOUND' && e.message.startsWith('no such service'))) return EXIT.usage;
  return EXIT.failed;
}

/** Progress on stderr, one line per step change (pull/build chatter throttled). */
export function progressPrinter(stream: NodeJS.WritableStream = process.stderr): (e: ProgressEvent) => void {
  const lastPrinted = new Map<string, number>();
  return (e) => {
    const who = e.service ?? 'stack';
    const key = `${who}:${e.step}`;
    if (e.status === 'running' && (e.step === 'pull' || e.step === 'build')) {
      const last = lastPrinted.get(key) ?? 0;
      if (e.at - last < 1000) return;
      lastPrinted.set(key, e.at);
    }
    const mark = e.status === 'done' ? 'done' : e.status === 'error' ? 'FAILED' : '...';
    const counts = e.total ? ` (${fmtBytes(e.current ?? 0)}/${fmtBytes(e.total)})` : '';
    stream.write(`${who.padEnd(16)} ${e.step.padEnd(8)} ${mark}${e.message ? ` ${e.message}` : ''}${counts}\n`);
  };
}

function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** Seconds option ("--timeout 90") as ms, or a usage error. */
export function secondsOption(command: string, name: string, value: unknown, fallbackS: number): number | UsageError {
  if (value === undefined) return fallbackS * 1000;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    return new UsageError(`atom-desktop ${command}: --${name} must be a positive number of seconds, got '${String(value)}'`);
  return n * 1000;
}

/** The core's stack half for one CLI command: the files the flags select, no settings file, no log following. */
export function openCliStack(values: ParsedArgs['values'], oneShot = false): Promise<StackCore> {
  return openStackCore({
    resourcesDir: REPO_ROOT,
    settingsPath: null,
    overrides: selectionFromArgs(values),
    logs: { follow: false },
    oneShot,
  });
}

export interface CliStack {
  /** The same StackEngine the app drives, on the files the flags select. */
  engine: StackEngine;
  model: StackModel;
  docker: Dockerode;
}

/**
 * Runs one stack command through the core's stack half (openStackCore): the same
 * file selection, compose loading, warnings and StackEngine as the app, with
 * progress on stderr and failures mapped to exit codes.
 */
export async function withStack(
  command: string,
  values: ParsedArgs['values'],
  fn: (stack: CliStack) => Promise<void>,
  opts: { oneShot?: boolean } = {},
): Promise<number> {
  const core = await openCliStack(values, opts.oneShot);
  try {
    const broken = core.session.loadError();
    if (broken !== null) {
      console.error(`atom-desktop ${command}: invalid compose file:\n${broken}`);
      return EXIT.usage;
    }
    const notReady = await engineReady(command, core.connection);
    if (notReady !== null) return notReady;
    const engine = core.session.require();
    const off = engine.onProgress(progressPrinter());
    try {
      await fn({ engine, model: engine.model, docker: core.connection.docker()! });
    } finally {
      off();
    }
    return EXIT.ok;
  } catch (err) {
    return reportFailure(command, err);
  } finally {
    await core.close();
  }
}
