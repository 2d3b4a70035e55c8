// `up` as one operation: plan, images, networks/volumes, create/recreate, start in
// dependency order honouring depends_on conditions, optionally wait for healthy.
// Existing project containers are adopted by label. A failure undoes what THIS attempt
// created (containers, networks, volumes), never what was there before.
import type Dockerode from 'dockerode';
import type { ServiceModel, StackModel } from '../compose/model';
import { oneShotServices } from '../compose/one-shot';
import type { ProgressSink } from './progress';
import { reporter, withDependencies, type Reporter } from './progress';
import { createSpec, endpointConfig } from './create-spec';
import { dependencyVerdict, lastHealthOutput, type ContainerStateView } from './dependency';
import { AppError } from '../../../shared/result';
import { asAppError, errorText, startCancelled, statusCode } from './errors';
import { projectContainers, type ContainerSummary } from './find';
import { ensureImages } from './images';
import { L, containerNumber, isUpToDate } from './labels';
import { portInUseError } from './port-error';
import { ensureNetworks, ensureVolumes, usedNetworks, usedVolumes } from './resources';
import { ProjectWake } from './wake';
import { LogDemuxer } from './demux';

export interface UpOptions {
  operationId: string;
  onProgress?: ProgressSink;
  /** Engine API version (from the connection): decides optional create fields. */
  apiVersion: string;
  /** Limit for the whole operation, waits included. Default 5 minutes. */
  timeoutMs?: number;
  /** Return only once every service is healthy (or running when it has no healthcheck). */
  wait?: boolean;
  /** Only these services (and their dependencies). */
  services?: string[];
  /** `start`: start existing containers only; a missing one is an error. */
  noCreate?: boolean;
  /** Poll interval while waiting on conditions. */
  pollMs?: number;
  /** Aborting cancels the operation at its next step or wait; what it created is rolled back. */
  signal?: AbortSignal;
  /** Build every `build:` service among the targets first, as `up --build` does. */
  build?: boolean;
}

type Action = { kind: 'create' } | { kind: 'recreate'; old: ContainerSummary } | { kind: 'keep'; existing: ContainerSummary };
/** One service's plan: an action per replica (index = number - 1), and containers beyond its replicas to remove. */
interface ServicePlan {
  instances: Action[];
  surplus: ContainerSummary[];
}

/** Existing containers by replica number; a duplicate number (left by hand) counts as surplus. */
function byNumber(list: ContainerSummary[]): { numbered: Map<number, ContainerSummary>; duplicates: ContainerSummary[] } {
  const numbered = new Map<number, ContainerSummary>();
  const duplicates: ContainerSummary[] = [];
  for (const c of list) {
    const n = containerNumber(c.Labels);
    if (numbered.has(n)) duplicates.push(c);
    else numbered.set(n, c);
  }
  return { numbered, duplicates };
}

interface Control {
  aborted: boolean;
  wake: ProjectWake;
  signal: AbortSignal | undefined;
}

/** Throws CANCELLED once the user asked to cancel; called between steps and in every wait. */
function checkpoint(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw startCancelled();
}

/** A wait abandoned because another service already failed the operation. */
class Cancelled extends Error {}

interface Attempt {
  containers: string[];
  networks: string[];
  volumes: string[];
}

export function dependencyMap(model: StackModel): Record<string, string[]> {
  return Object.fromEntries(Object.values(model.services).map((s) => [s.name, Object.keys(s.dependsOn)]));
}

export async function up(docker: Dockerode, model: StackModel, opts: UpOptions): Promise<void> {
  const report = reporter(opts.operationId, opts.onProgress);
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  const attempt: Attempt = { containers: [], networks: [], volumes: [] };
  const wake = await ProjectWake.open(docker, model.name);
  // A cancel wakes every waiting loop at once instead of at its next poll.
  const onAbort = () => wake.wakeAll();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    await run(docker, model, opts, report, deadline, attempt, wake);
  } catch (err) {
    const e = opts.signal?.aborted ? startCancelled() : asAppError(err);
    // The evidence goes before the container does: the failed service's last log lines.
    const evidence = await lastLogsOf(docker, model.name, e.details?.service);
    await rollback(docker, attempt, report);
    throw evidence.length > 0 ? new AppError(e.code, e.message, { ...e.details, lastLogs: evidence }) : e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    wake.close();
  }
}

async function run(
  docker: Dockerode,
  model: StackModel,
  opts: UpOptions,
  report: Reporter,
  deadline: number,
  attempt: Attempt,
  wake: ProjectWake,
): Promise<void> {
  for (const s of opts.services ?? []) {
    if (!model.services[s]) throw new AppError('NOT_FOUND', `no such service: ${s} (services: ${model.order.join(', ')})`, { service: s });
  }
  const targets = withDependencies(dependencyMap(model), model.order, opts.services);
  report(undefined, 'plan', 'running');
  const existing = await projectContainers(docker, model.name);
  const plans = new Map<string, ServicePlan>();
  for (const name of targets) {
    const svc = model.services[name]!;
    const { numbered, duplicates } = byNumber(existing.get(name) ?? []);
    if (opts.noCreate) {
      if (numbered.size === 0) throw new AppError('NOT_FOUND', `service ${name} has no container: run 'up' first`, { service: name });
      // `start` starts the replicas that exist, in number order; it creates and removes nothing.
      const instances = [...numbered].sort(([a], [b]) => a - b).map(([, c]): Action => ({ kind: 'keep', existing: c }));
      plans.set(name, { instances, surplus: [] });
      continue;
    }
    const instances = Array.from({ length: svc.replicas }, (_, i): Action => {
      const c = numbered.get(i + 1);
      if (!c) return { kind: 'create' };
      return isUpToDate(c.Labels, svc) ? { kind: 'keep', existing: c } : { kind: 'recreate', old: c };
    });
    const surplus = [...duplicates, ...[...numbered].filter(([n]) => n > svc.replicas).map(([, c]) => c)];
    plans.set(name, { instances, surplus });
  }
  report(undefined, 'plan', 'done', [...plans].map(([s, p]) => `${s}: ${summarize(p)}`).join(', '));
  checkpoint(opts.signal);

  const services = targets.map((n) => model.services[n]!);
  // Images and project networks/volumes are independent: get them concurrently (all
  // settled before failing, so the rollback sees every network this attempt created).
  const [imagesR, resourcesR] = await Promise.allSettled([
    ensureImages(
      docker,
      opts.noCreate ? [] : services,
      (p) => report(p.service, p.step, p.status, p.message, { current: p.current, total: p.total }),
      opts.signal,
      opts.build ?? false,
    ),
    opts.noCreate ? Promise.resolve() : ensureResources(docker, model, targets, attempt, report),
  ]);
  if (imagesR.status === 'rejected') throw imagesR.reason;
  if (resourcesR.status === 'rejected') throw resourcesR.reason;
  checkpoint(opts.signal);
  const images = imagesR.value;
  // A rebuilt/re-pulled image under the same tag also means recreate (compose does the same).
  for (const [name, plan] of plans) {
    const id = images.get(name);
    plan.instances = plan.instances.map((a) => {
      const label = a.kind === 'keep' ? a.existing.Labels?.[L.image] : undefined;
      return a.kind === 'keep' && !opts.noCreate && label && id && label !== id ? { kind: 'recreate', old: a.existing } : a;
    });
  }

  // Each service: create its replicas (at once), then wait for its dependencies, then start them.
  const ids = new Map<string, string[]>();
  const create = async (svc: ServiceModel): Promise<void> => {
    const plan = plans.get(svc.name)!;
    for (const c of plan.surplus) {
      report(svc.name, 'remove', 'running', `scale down: ${c.Names?.[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12)}`);
      await removeContainer(docker, c.Id);
      report(svc.name, 'remove', 'done');
    }
    const list: string[] = [];
    for (const [i, a] of plan.instances.entries()) {
      checkpoint(opts.signal);
      if (a.kind === 'keep') {
        list.push(a.existing.Id);
        continue;
      }
      const step = a.kind === 'recreate' ? 'recreate' : 'create';
      const which = plan.instances.length > 1 ? ` (replica ${i + 1} of ${plan.instances.length})` : '';
      report(svc.name, step, 'running', which ? which.trim().slice(1, -1) : undefined);
      if (a.kind === 'recreate') await removeContainer(docker, a.old.Id);
      list.push(await createContainer(docker, model, svc, images.get(svc.name)!, opts.apiVersion, attempt, i + 1));
      report(svc.name, step, 'done');
    }
    ids.set(svc.name, list);
  };

  const started = new Map<string, Promise<void>>();
  const ctl: Control = { aborted: false, wake, signal: opts.signal };
  const startOne = async (svc: ServiceModel): Promise<void> => {
    await create(svc);
    await Promise.all(
      Object.keys(svc.dependsOn)
        .filter((d) => started.has(d))
        .map((d) => started.get(d)),
    );
    if (ctl.aborted) throw new Cancelled();
    checkpoint(opts.signal);
    for (const [dep, d] of Object.entries(svc.dependsOn)) {
      if (!ids.has(dep)) continue;
      if (d.condition !== 'service_started') report(svc.name, 'wait', 'running', `waiting for ${dep} (${d.condition})`);
      // Every replica of the dependency must meet the condition, as in compose.
      for (const depId of ids.get(dep)!) await waitFor(docker, model, dep, depId, d.condition, svc.name, deadline, opts.pollMs ?? 250, ctl);
    }
    const list = ids.get(svc.name)!;
    if (list.length === 0) return;
    report(svc.name, 'start', 'running');
    for (const id of list) {
      try {
        await docker.getContainer(id).start();
      } catch (err) {
        if (statusCode(err) !== 304) {
          const port = await portInUseError(docker, svc.name, err, id);
          throw port ?? new AppError('INTERNAL', `service ${svc.name}: cannot start: ${errorText(err)}`, { service: svc.name });
        }
      }
    }
    report(svc.name, 'start', 'done');
  };
  for (const svc of services) {
    started.set(
      svc.name,
      startOne(svc).catch((e: unknown) => {
        ctl.aborted = true;
        throw e;
      }),
    );
  }
  // Wait for all (the others stop waiting once one failed), then report the root cause.
  await firstFailure([...started.values()]);

  if (opts.wait) {
    ctl.aborted = false;
    const oneShots = oneShotServices(model);
    await firstFailure(
      services.map(async (svc) => {
        const oneShot = oneShots.has(svc.name);
        report(
          svc.name,
          'wait',
          'running',
          oneShot
            ? 'waiting for it to complete'
            : svc.healthcheck && !svc.healthcheck.disable
              ? 'waiting for healthy'
              : 'waiting for running',
        );
        for (const id of ids.get(svc.name)!) {
          await waitReady(docker, svc, id, deadline, opts.pollMs ?? 250, ctl, oneShot).catch((e: unknown) => {
            ctl.aborted = true;
            throw e;
          });
        }
        report(svc.name, 'wait', 'done');
      }),
    );
  }
}

async function ensureResources(docker: Dockerode, model: StackModel, targets: string[], attempt: Attempt, report: Reporter): Promise<void> {
  report(undefined, 'network', 'running');
  attempt.networks.push(...(await ensureNetworks(docker, model, usedNetworks(model, targets))));
  report(undefined, 'network', 'done');
  const vols = usedVolumes(model, targets);
  if (vols.length > 0) {
    report(undefined, 'volume', 'running');
    attempt.volumes.push(...(await ensureVolumes(docker, model, vols)));
    report(undefined, 'volume', 'done');
  }
}

async function firstFailure(ps: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(ps);
  const failures = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof Cancelled))
    .map((r) => asAppError(r.reason));
  if (failures.length === 0) {
    if (results.some((r) => r.status === 'rejected')) throw new AppError('INTERNAL', 'operation cancelled');
    return;
  }
  // A dependent's DEPENDENCY_FAILED is a consequence: prefer the root cause.
  throw failures.find((f) => f.code !== 'DEPENDENCY_FAILED') ?? failures[0];
}

/** "create", "keep", "3 × create", "keep, create, create"… for the plan step. */
function summarize(p: ServicePlan): string {
  const kinds = p.instances.map((a) => a.kind);
  const same = kinds.every((k) => k === kinds[0]);
  const text = kinds.length === 0 ? 'none' : same && kinds.length > 1 ? `${kinds.length} × ${kinds[0]}` : kinds.join(', ');
  return p.surplus.length > 0 ? `${text}, remove ${p.surplus.length}` : text;
}

async function createContainer(
  docker: Dockerode,
  model: StackModel,
  svc: ServiceModel,
  imageId: string,
  apiVersion: string,
  attempt: Attempt,
  number = 1,
): Promise<string> {
  let spec;
  try {
    spec = createSpec(model, svc, { imageId, apiVersion, number });
  } catch (err) {
    throw new AppError('COMPOSE_INVALID', errorText(err), { service: svc.name });
  }
  let c: Dockerode.Container;
  try {
    c = await docker.createContainer(spec.options);
  } catch (err) {
    if (statusCode(err) === 409) throw await nameConflict(docker, model, svc, spec.name);
    throw new AppError('INTERNAL', `service ${svc.name}: cannot create container: ${errorText(err)}`, {
      service: svc.name,
      container: spec.name,
    });
  }
  attempt.containers.push(c.id);
  for (const extra of spec.extraNetworks)
    await docker.getNetwork(extra.network).connect({ Container: c.id, EndpointConfig: endpointConfig(extra) });
  return c.id;
}

/** A container name the file asks for is taken: say by whom (which project, or none) and what to do. */
async function nameConflict(docker: Dockerode, model: StackModel, svc: ServiceModel, name: string): Promise<AppError> {
  let owner: string | null = null;
  let state = 'unknown';
  try {
    const info = await docker.getContainer(name).inspect();
    owner = info.Config?.Labels?.[L.project] ?? null;
    state = info.State?.Status ?? state;
  } catch {
    // Gone meanwhile: the message still names it.
  }
  const whose = owner ? `belongs to compose project '${owner}'` : 'belongs to no compose project (made by hand or another tool)';
  return new AppError(
    'NAME_CONFLICT',
    `service ${svc.name}: the container name ${name} is taken: it ${whose} and is ${state}. ` +
      `Stop and remove it (docker rm -f ${name}${owner ? `, or 'docker compose -p ${owner} down'` : ''}), then Start again.`,
    { service: svc.name, container: name, ownerProject: owner, state, project: model.name },
  );
}

export async function removeContainer(docker: Dockerode, id: string, anonymousVolumes = false): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true, v: anonymousVolumes });
  } catch (err) {
    if (statusCode(err) !== 404 && statusCode(err) !== 409) throw err;
  }
}

async function inspectState(docker: Dockerode, id: string, service: string): Promise<ContainerStateView> {
  try {
    const info = await docker.getContainer(id).inspect();
    return info.State as unknown as ContainerStateView;
  } catch (err) {
    throw new AppError('DEPENDENCY_FAILED', `service ${service}: its container disappeared (${errorText(err)})`, { service });
  }
}

async function waitFor(
  docker: Dockerode,
  model: StackModel,
  dep: string,
  id: string,
  condition: ServiceModel['dependsOn'][string]['condition'],
  dependent: string,
  deadline: number,
  pollMs: number,
  ctl: Control,
): Promise<void> {
  const hc = model.services[dep]?.healthcheck;
  for (;;) {
    const state = await inspectState(docker, id, dep);
    const v = dependencyVerdict(dep, condition, state, !!hc && !hc.disable && hc.test[0] !== 'NONE');
    if (v.kind === 'ok') return;
    if (v.kind === 'fail') {
      throw new AppError(v.code, `service ${dependent} cannot start: dependency ${v.why}`, {
        service: dep,
        dependent,
        ...(v.output ? { healthOutput: v.output } : {}),
      });
    }
    if (Date.now() > deadline) {
      throw new AppError('TIMEOUT', `service ${dependent}: timed out waiting for ${dep} (${condition}): ${v.why}`, {
        service: dep,
        dependent,
      });
    }
    await ctl.wake.wait(pollMs);
    checkpoint(ctl.signal);
    if (ctl.aborted) throw new Cancelled();
  }
}

async function waitReady(
  docker: Dockerode,
  svc: ServiceModel,
  id: string,
  deadline: number,
  pollMs: number,
  ctl: Control,
  oneShot = false,
): Promise<void> {
  const hasHc = !!svc.healthcheck && !svc.healthcheck.disable && svc.healthcheck.test[0] !== 'NONE';
  for (;;) {
    const state = await inspectState(docker, id, svc.name);
    if (oneShot) {
      const v = dependencyVerdict(svc.name, 'service_completed_successfully', state, hasHc);
      if (v.kind === 'ok') return;
      if (v.kind === 'fail') throw new AppError(v.code, `service ${v.why}`, { service: svc.name, exitCode: state.ExitCode });
    } else if (hasHc) {
      const v = dependencyVerdict(svc.name, 'service_healthy', state, true);
      if (v.kind === 'ok') return;
      if (v.kind === 'fail')
        throw new AppError(v.code, `service ${v.why}`, { service: svc.name, ...(v.output ? { healthOutput: v.output } : {}) });
    } else {
      if (state.Running) return;
      if (state.Status === 'exited' || state.Status === 'dead') {
        throw new AppError('DEPENDENCY_FAILED', `service ${svc.name} exited with code ${state.ExitCode ?? '?'}`, {
          service: svc.name,
          exitCode: state.ExitCode,
        });
      }
    }
    if (Date.now() > deadline) {
      const out = lastHealthOutput(state);
      throw new AppError(
        'TIMEOUT',
        `service ${svc.name}: not ready before the timeout (${state.Health?.Status ?? state.Status})${out ? `: ${out}` : ''}`,
        { service: svc.name },
      );
    }
    await ctl.wake.wait(pollMs);
    checkpoint(ctl.signal);
    if (ctl.aborted) throw new Cancelled();
  }
}

/** Lines kept with a failed Start's error, so they stay viewable after the rollback. */
const EVIDENCE_LINES = 40;

/** The last log lines of a service's first container (empty when there is none). */
async function lastLogsOf(docker: Dockerode, project: string, service: unknown): Promise<string[]> {
  if (typeof service !== 'string') return [];
  try {
    const c = (await projectContainers(docker, project)).get(service)?.[0];
    if (!c) return [];
    const raw = (await docker
      .getContainer(c.Id)
      .logs({ stdout: true, stderr: true, tail: EVIDENCE_LINES, follow: false })) as unknown as Buffer;
    const tty = !!((await docker.getContainer(c.Id).inspect()) as { Config?: { Tty?: boolean } }).Config?.Tty;
    const demux = new LogDemuxer(tty, false);
    return [...demux.push(Buffer.from(raw)), ...demux.end()].map((l) => l.text).slice(-EVIDENCE_LINES);
  } catch {
    return [];
  }
}

async function rollback(docker: Dockerode, attempt: Attempt, report: Reporter): Promise<void> {
  if (!attempt.containers.length && !attempt.networks.length && !attempt.volumes.length) return;
  report(
    undefined,
    'rollback',
    'running',
    `removing ${attempt.containers.length} container(s), ${attempt.networks.length} network(s), ${attempt.volumes.length} volume(s) created by this attempt`,
  );
  // v: true also removes the anonymous volumes those containers made (named ones stay).
  for (const id of attempt.containers.reverse()) await removeContainer(docker, id, true).catch(() => undefined);
  for (const n of attempt.networks)
    await docker
      .getNetwork(n)
      .remove()
      .catch(() => undefined);
  for (const v of attempt.volumes)
    await docker
      .getVolume(v)
      .remove()
      .catch(() => undefined);
  report(undefined, 'rollback', 'done');
}
