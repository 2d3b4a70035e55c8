// Stopping and removing: dependents before their dependencies (reverse of start
// order), each with its stop_grace_period; `down` also removes containers and the
// project networks (named volumes only when asked).
import type Dockerode from 'dockerode';
import type { StackModel } from '../compose/model';
import { AppError } from '../../../shared/result';
import { errorText, statusCode } from './errors';
import { projectContainers, type ContainerSummary } from './find';
import { reporter, type ProgressSink } from './progress';
import { removeContainer } from './up';
import { removeProjectNetworks, removeProjectVolumes } from './resources';

export interface StopOptions {
  operationId: string;
  onProgress?: ProgressSink;
  /** Only these services (no dependents are touched). */
  services?: string[];
}

/** Seconds to wait before SIGKILL: the service's stop_grace_period, else compose's 10 s. */
export function graceSeconds(model: StackModel, service: string): number {
  const ns = model.services[service]?.stopGracePeriodNs;
  return ns != null ? Math.ceil(ns / 1e9) : 10;
}

/**
 * Runs fn per service so that a service goes only after every service depending on it.
 * Services unknown to the model (orphans) go first, with no ordering.
 */
export async function reverseDependencyOrder(model: StackModel, services: string[], fn: (s: string) => Promise<void>): Promise<void> {
  const done = new Map<string, Promise<void>>();
  const dependents = (s: string) => services.filter((o) => o !== s && model.services[o]?.dependsOn[s]);
  const go = (s: string): Promise<void> => {
    let p = done.get(s);
    if (!p) {
      p = Promise.all(dependents(s).map(go)).then(() => fn(s));
      done.set(s, p);
    }
    return p;
  };
  await Promise.all(services.map(go));
}

async function stopContainer(docker: Dockerode, c: ContainerSummary, seconds: number): Promise<void> {
  try {
    await docker.getContainer(c.Id).stop({ t: seconds });
  } catch (err) {
    // 304: already stopped; 404: already gone.
    if (statusCode(err) !== 304 && statusCode(err) !== 404) throw err;
  }
}

export async function stopStack(docker: Dockerode, model: StackModel, opts: StopOptions): Promise<void> {
  const report = reporter(opts.operationId, opts.onProgress);
  const existing = await projectContainers(docker, model.name);
  for (const s of opts.services ?? []) {
    if (!model.services[s] && !existing.has(s)) throw new AppError('NOT_FOUND', `no such service: ${s}`, { service: s });
  }
  const names = opts.services ?? [...existing.keys()];
  await reverseDependencyOrder(model, names, async (s) => {
    const list = (existing.get(s) ?? []).filter((c) => c.State === 'running' || c.State === 'restarting' || c.State === 'paused');
    if (list.length === 0) return;
    report(s, 'stop', 'running');
    try {
      await Promise.all(list.map((c) => stopContainer(docker, c, graceSeconds(model, s))));
    } catch (err) {
      report(s, 'stop', 'error', errorText(err));
      throw new AppError('INTERNAL', `service ${s}: cannot stop: ${errorText(err)}`, { service: s });
    }
    report(s, 'stop', 'done');
  });
}

export interface DownOptions extends StopOptions {
  volumes?: boolean;
}

export async function downStack(docker: Dockerode, model: StackModel, opts: DownOptions): Promise<void> {
  const report = reporter(opts.operationId, opts.onProgress);
  await stopStack(docker, model, { operationId: opts.operationId, onProgress: opts.onProgress });
  const existing = await projectContainers(docker, model.name);
  for (const [s, list] of existing) {
    report(s, 'remove', 'running');
    for (const c of list) await removeContainer(docker, c.Id);
    report(s, 'remove', 'done');
  }
  report(undefined, 'remove', 'running', 'networks');
  try {
    await removeProjectNetworks(docker, model);
    if (opts.volumes) await removeProjectVolumes(docker, model);
  } catch (err) {
    report(undefined, 'remove', 'error', errorText(err));
    throw err;
  }
  report(undefined, 'remove', 'done');
}

/** Restart one service's containers, every replica (stop with its grace period, then start). */
export async function restartService(docker: Dockerode, model: StackModel, service: string, opts: StopOptions): Promise<void> {
  const report = reporter(opts.operationId, opts.onProgress);
  if (!model.services[service])
    throw new AppError('NOT_FOUND', `no such service: ${service} (services: ${model.order.join(', ')})`, { service });
  // Every replica of the service.
  const list = (await projectContainers(docker, model.name)).get(service) ?? [];
  if (list.length === 0) throw new AppError('NOT_FOUND', `service ${service} has no container: start the stack first`, { service });
  report(service, 'stop', 'running');
  await Promise.all(list.map((c) => stopContainer(docker, c, graceSeconds(model, service))));
  report(service, 'stop', 'done');
  report(service, 'start', 'running');
  for (const c of list) {
    try {
      await docker.getContainer(c.Id).start();
    } catch (err) {
      if (statusCode(err) !== 304) throw new AppError('INTERNAL', `service ${service}: cannot start: ${errorText(err)}`, { service });
    }
  }
  report(service, 'start', 'done');
}
