// One service's merged, interpolated data into a ServiceModel. Every bad value is
// reported with its key path (and so its file and line) instead of stopping early.
import { builtImageName } from './config-json';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseDuration } from './durations';
import { serviceEnvironment } from './environment';
import { configHash } from './hash';
import { containerSettingsOf } from './container-settings';
import { deployResourcesOf } from './deploy-resources';
import { fileMountsOf } from './file-objects';
import { listOrDictToMap } from './merge';
import type { BuildModel, DependsOn, HealthcheckModel, PortModel, ServiceModel, ServiceNetworkModel, VolumeMountModel } from './model';
import { MountError, parseLongMount, parseShortMount } from './mounts';
import { parseLongPort, parseShortPort, PortError } from './ports';
import type { Reporter } from './report';
import { secretKeys } from './secret';
import { splitShell } from './shell-split';
import type { PathSeg } from './yaml-source';

import { isObj, type Obj } from './obj';
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown): boolean => v === true || v === 'true';

export interface ServiceContext {
  project: string;
  projectDir: string;
  env: Record<string, string>;
  report: Reporter;
  /** Declared top-level volume keys. */
  volumes: Set<string>;
  /** Declared top-level network keys. */
  networks: Set<string>;
  /** Declared top-level secrets and configs: name -> absolute file. */
  secrets: Map<string, string | null>;
  configs: Map<string, string | null>;
}

export function normalizeService(name: string, svc: Obj, ctx: ServiceContext): ServiceModel {
  const path: PathSeg[] = ['services', name];
  const at = (...rest: PathSeg[]): PathSeg[] => [...path, ...rest];
  const { report } = ctx;
  const build = normalizeBuild(svc.build, at('build'), ctx);
  let image = str(svc.image);
  if (!image) {
    if (build) image = builtImageName(ctx.project, name);
    else report.problem(path, `service ${JSON.stringify(name)} has neither an image nor a build context specified`, true);
  }
  const environment = serviceEnvironment(svc, path, ctx.projectDir, ctx.env, report);
  const model: Omit<ServiceModel, 'configHash' | 'v2ConfigHash' | 'replicas'> = {
    name,
    image: image ?? '',
    build,
    pullPolicy: str(svc.pull_policy),
    command: commandOf(svc.command, at('command'), report),
    entrypoint: commandOf(svc.entrypoint, at('entrypoint'), report),
    environment,
    secretKeys: secretKeys(environment),
    ports: portsOf(svc.ports, at('ports'), report),
    volumes: mountsOf(svc.volumes, at('volumes'), ctx),
    healthcheck: healthcheckOf(svc.healthcheck, at('healthcheck'), report),
    dependsOn: dependsOf(svc.depends_on),
    restart: str(svc.restart),
    containerName: str(svc.container_name),
    networks: networksOf(svc.networks, at('networks'), ctx),
    extraHosts: extraHostsOf(svc.extra_hosts, at('extra_hosts'), report),
    labels: Object.fromEntries(Object.entries(listOrDictToMap(svc.labels)).map(([k, v]) => [k, v == null ? '' : String(v)])),
    workingDir: str(svc.working_dir),
    user: str(svc.user),
    tty: bool(svc.tty),
    stdinOpen: bool(svc.stdin_open),
    stopGracePeriodNs: durationOf(svc.stop_grace_period, at('stop_grace_period'), report),
    stopSignal: str(svc.stop_signal),
    profiles: Array.isArray(svc.profiles) ? svc.profiles.map(String) : [],
    settings: containerSettingsOf(svc, path, report),
  };
  const files = [
    ...fileMountsOf('secrets', svc.secrets, ctx.secrets, at('secrets'), report),
    ...fileMountsOf('configs', svc.configs, ctx.configs, at('configs'), report),
  ];
  if (files.length) model.fileMounts = files;
  model.resources = deployResourcesOf(
    isObj(svc.deploy) ? svc.deploy.resources : undefined,
    at('deploy', 'resources'),
    model.settings,
    report,
  );
  if (model.restart && !/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(model.restart)) {
    report.problem(
      at('restart'),
      `invalid restart policy ${JSON.stringify(model.restart)}: use no, always, on-failure[:N] or unless-stopped`,
    );
  }
  const replicas = replicasOf(svc, at, report);
  if (replicas > 1 && model.containerName) {
    report.problem(
      at('container_name'),
      `container_name '${model.containerName}' cannot be shared by ${replicas} replicas: remove it, or run one replica`,
    );
  }
  // v2's hash needs the final service (load.ts drops disabled optional dependencies): set there.
  return { ...model, replicas, replicasKey: replicasKeyOf(svc), configHash: configHash(model), v2ConfigHash: '' };
}

/** deploy.replicas or scale (compose v2 accepts either; when both are set they must agree). */
function replicasOf(svc: Record<string, unknown>, at: (k: string) => (string | number)[], report: Reporter): number {
  const deploy = svc.deploy && typeof svc.deploy === 'object' ? (svc.deploy as Record<string, unknown>) : {};
  const fromDeploy = deploy.replicas;
  const fromScale = svc.scale;
  const valid = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  for (const [key, v] of [
    ['scale', fromScale],
    ['deploy.replicas', fromDeploy],
  ] as const) {
    if (v !== undefined && !valid(v)) report.problem(at(key), `${key} must be a whole number of containers, got ${JSON.stringify(v)}`);
  }
  if (valid(fromDeploy) && valid(fromScale) && fromDeploy !== fromScale) {
    report.problem(at('scale'), `scale (${fromScale}) and deploy.replicas (${fromDeploy}) disagree`);
  }
  if (valid(fromScale)) return fromScale;
  if (valid(fromDeploy)) return fromDeploy;
  return 1;
}

/** The key that set the replica count, if any. */
function replicasKeyOf(svc: Record<string, unknown>): 'deploy' | 'scale' | null {
  if (typeof svc.scale === 'number') return 'scale';
  const deploy = svc.deploy && typeof svc.deploy === 'object' ? (svc.deploy as Record<string, unknown>) : {};
  return typeof deploy.replicas === 'number' ? 'deploy' : null;
}

function normalizeBuild(raw: unknown, path: PathSeg[], ctx: ServiceContext): BuildModel | null {
  if (raw === undefined || raw === null) return null;
  const o: Obj = typeof raw === 'string' ? { context: raw } : isObj(raw) ? raw : {};
  const ctxText = str(o.context) ?? '.';
  const remote = /^[a-z]+:\/\//i.test(ctxText) || ctxText.startsWith('git@');
  const context = remote ? ctxText : resolve(ctx.projectDir, ctxText);
  let dockerfile = str(o.dockerfile) ?? 'Dockerfile';
  if (isAbsolute(dockerfile) && !remote) dockerfile = relative(context, dockerfile);
  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(listOrDictToMap(o.args))) {
    // A bare ARG takes its value from the environment, or is left out.
    const value = v === null || v === undefined ? ctx.env[k] : String(v);
    if (value !== undefined) args[k] = value;
  }
  // Said at config time, naming the key: compose v2 only finds out when the build starts.
  if (!remote) {
    const where = typeof raw === 'string' ? path : [...path, 'context'];
    if (!existsSync(context)) ctx.report.problem(where, `build context ${context} does not exist`);
    else if (!statSync(context).isDirectory()) ctx.report.problem(where, `build context ${context} is not a folder`);
    else if (!existsSync(resolve(context, dockerfile)) && o.dockerfile_inline === undefined)
      ctx.report.problem(
        typeof raw === 'string' || o.dockerfile === undefined ? where : [...path, 'dockerfile'],
        `Dockerfile ${resolve(context, dockerfile)} does not exist`,
      );
  }
  return { context, dockerfile, args, target: str(o.target) };
}

function commandOf(raw: unknown, path: PathSeg[], report: Reporter): string[] | null {
  if (raw === undefined || raw === null) return null;
  if (Array.isArray(raw)) return raw.map(String);
  try {
    return splitShell(String(raw));
  } catch (e) {
    report.problem(path, (e as Error).message);
    return null;
  }
}

function portsOf(raw: unknown, path: PathSeg[], report: Reporter): PortModel[] {
  if (!Array.isArray(raw)) return [];
  const out: PortModel[] = [];
  raw.forEach((entry, i) => {
    try {
      out.push(...(isObj(entry) ? parseLongPort(entry) : parseShortPort(entry as string | number)));
    } catch (e) {
      if (!(e instanceof PortError)) throw e;
      report.problem([...path, i], e.message);
    }
  });
  return out;
}

function mountsOf(raw: unknown, path: PathSeg[], ctx: ServiceContext): VolumeMountModel[] {
  if (!Array.isArray(raw)) return [];
  const out: VolumeMountModel[] = [];
  raw.forEach((entry, i) => {
    try {
      const m = isObj(entry) ? parseLongMount(entry, ctx.projectDir) : parseShortMount(String(entry), ctx.projectDir);
      if (m.type === 'volume' && m.source !== null && !ctx.volumes.has(m.source)) {
        ctx.report.problem(
          [...path, i],
          `service uses undefined volume ${JSON.stringify(m.source)}: declare it under the top-level volumes key`,
        );
      }
      out.push(m);
    } catch (e) {
      if (!(e instanceof MountError)) throw e;
      ctx.report.problem([...path, i], e.message);
    }
  });
  return out;
}

function durationOf(raw: unknown, path: PathSeg[], report: Reporter): number | null {
  if (raw === undefined || raw === null) return null;
  const ns = parseDuration(String(raw));
  if (ns === null || ns < 0) {
    report.problem(path, `invalid duration ${JSON.stringify(String(raw))} (use e.g. 30s, 1m30s, 500ms)`);
    return null;
  }
  return ns;
}

function healthcheckOf(raw: unknown, path: PathSeg[], report: Reporter): HealthcheckModel | null {
  if (!isObj(raw)) return null;
  let test: string[] = [];
  if (typeof raw.test === 'string') test = ['CMD-SHELL', raw.test];
  else if (Array.isArray(raw.test)) test = raw.test.map(String);
  if (test.length && !['CMD', 'CMD-SHELL', 'NONE'].includes(test[0] as string)) {
    report.problem([...path, 'test'], `test must start with CMD, CMD-SHELL or NONE, got ${JSON.stringify(test[0])}`);
  }
  const disable = bool(raw.disable) || test[0] === 'NONE';
  if (disable) test = ['NONE'];
  let retries: number | null = null;
  if (raw.retries !== undefined && raw.retries !== null) {
    retries = Number(raw.retries);
    if (!Number.isInteger(retries) || retries < 0) {
      report.problem([...path, 'retries'], `retries must be a non-negative integer, got ${JSON.stringify(raw.retries)}`);
      retries = null;
    }
  }
  return {
    test,
    disable,
    written: { disable: raw.disable !== undefined, test: raw.test !== undefined },
    intervalNs: durationOf(raw.interval, [...path, 'interval'], report),
    timeoutNs: durationOf(raw.timeout, [...path, 'timeout'], report),
    retries,
    startPeriodNs: durationOf(raw.start_period, [...path, 'start_period'], report),
    startIntervalNs: durationOf(raw.start_interval, [...path, 'start_interval'], report),
  };
}

function dependsOf(raw: unknown): Record<string, DependsOn> {
  const out: Record<string, DependsOn> = {};
  if (Array.isArray(raw)) {
    for (const dep of raw) out[String(dep)] = { condition: 'service_started', required: true, restart: false };
  } else if (isObj(raw)) {
    for (const [dep, v] of Object.entries(raw)) {
      const o = isObj(v) ? v : {};
      out[dep] = {
        condition: (str(o.condition) ?? 'service_started') as DependsOn['condition'],
        required: !(o.required === false || o.required === 'false'),
        restart: bool(o.restart),
      };
    }
  }
  return out;
}

function networksOf(raw: unknown, path: PathSeg[], ctx: ServiceContext): Record<string, ServiceNetworkModel> {
  const out: Record<string, ServiceNetworkModel> = {};
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((n) => [String(n), null])
    : isObj(raw)
      ? Object.entries(raw)
      : [['default', null]];
  for (const [key, v] of entries) {
    const o = isObj(v) ? v : {};
    const aliases = Array.isArray(o.aliases) ? o.aliases.map(String) : [];
    const ipv4Address = str(o.ipv4_address);
    // Only an empty mapping prints differently (as {} rather than null).
    out[key] = { aliases, ipv4Address, ...(isObj(v) && !aliases.length && !ipv4Address ? { mapped: true as const } : {}) };
    if (key !== 'default' && !ctx.networks.has(key)) {
      ctx.report.problem(
        [...path, ...(Array.isArray(raw) ? [raw.indexOf(key)] : [key])],
        `service uses undefined network ${JSON.stringify(key)}: declare it under the top-level networks key`,
      );
    }
  }
  return out;
}

function extraHostsOf(raw: unknown, path: PathSeg[], report: Reporter): string[] {
  if (isObj(raw)) {
    return Object.entries(raw).flatMap(([host, ip]) => (Array.isArray(ip) ? ip : [ip]).map((x) => `${host}:${String(x)}`));
  }
  if (!Array.isArray(raw)) return [];
  return raw.map((entry, i) => {
    const s = String(entry);
    // compose accepts host:ip and host=ip; IPv6 addresses contain colons, so split once.
    const eq = s.indexOf('=');
    const colon = s.indexOf(':');
    const sep = eq >= 0 && (colon < 0 || eq < colon) ? eq : colon;
    if (sep <= 0 || sep === s.length - 1) {
      report.problem([...path, i], `invalid extra host ${JSON.stringify(s)}: use host:ip`);
      return s;
    }
    return `${s.slice(0, sep)}:${s.slice(sep + 1)}`;
  });
}
