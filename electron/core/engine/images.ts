// Getting every service's image: use the local one, pull what is missing (progress per
// image), build `build:` services through the engine. No image, no start: IMAGE_UNAVAILABLE.
import { BuildSteps } from './build-steps';
import { readdirSync } from 'node:fs';
import type Dockerode from 'dockerode';
import type { ServiceModel, StackModel } from '../compose/model';
import type { StackImage } from '../../../shared/stack';
import { AppError } from '../../../shared/result';
import { errorText, statusCode } from './errors';
import { followStream, PullTally, type ProgressMessage } from './progress-stream';

export interface ImageProgress {
  service: string;
  step: 'pull' | 'build';
  status: 'running' | 'done' | 'error';
  message?: string;
  current?: number;
  total?: number;
}

/** The local image Id, or null when the engine does not have it. */
export async function localImageId(docker: Dockerode, ref: string): Promise<string | null> {
  try {
    const info = (await docker.getImage(ref).inspect()) as { Id: string };
    return info.Id;
  } catch (err) {
    if (statusCode(err) === 404) return null;
    throw err;
  }
}

export async function pullImage(
  docker: Dockerode,
  svc: ServiceModel,
  onProgress: (p: ImageProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const tally = new PullTally();
  onProgress({ service: svc.name, step: 'pull', status: 'running', message: `pulling ${svc.image}` });
  let last = 0;
  try {
    const platform = svc.settings?.platform as string | undefined;
    const stream = (await docker.pull(svc.image, platform ? { platform } : {})) as NodeJS.ReadableStream;
    await followStream(
      docker,
      stream,
      (m) => {
        tally.add(m);
        const now = Date.now();
        if (now - last < 100) return;
        last = now;
        const b = tally.bytes();
        const l = tally.layerCounts();
        onProgress({
          service: svc.name,
          step: 'pull',
          status: 'running',
          message: `${l.done}/${l.total} layers`,
          current: b.current,
          total: b.total,
        });
      },
      signal,
    );
  } catch (err) {
    if (isCancel(err)) throw stepCancelled(svc, 'pull', onProgress, err);
    const why = errorText(err);
    onProgress({ service: svc.name, step: 'pull', status: 'error', message: why });
    throw new AppError(
      'IMAGE_UNAVAILABLE',
      `service ${svc.name}: image ${svc.image} is not available locally and could not be pulled: ${why}`,
      {
        service: svc.name,
        image: svc.image,
      },
    );
  }
  const id = await localImageId(docker, svc.image);
  if (!id)
    throw new AppError('IMAGE_UNAVAILABLE', `service ${svc.name}: image ${svc.image} is missing after the pull`, {
      service: svc.name,
      image: svc.image,
    });
  onProgress({ service: svc.name, step: 'pull', status: 'done' });
  return id;
}

export async function buildImage(
  docker: Dockerode,
  svc: ServiceModel,
  onProgress: (p: ImageProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const b = svc.build!;
  onProgress({ service: svc.name, step: 'build', status: 'running', message: `building ${svc.image} from ${b.context}` });
  let entries: string[];
  try {
    entries = readdirSync(b.context);
  } catch (err) {
    throw new AppError('BUILD_FAILED', `service ${svc.name}: build context ${b.context} cannot be read: ${errorText(err)}`, {
      service: svc.name,
      context: b.context,
    });
  }
  const tail: string[] = [];
  const steps = new BuildSteps();
  try {
    // dockerode packs the context with tar-fs and applies the context's .dockerignore.
    const stream = await docker.buildImage(
      { context: b.context, src: entries },
      {
        t: svc.image,
        dockerfile: b.dockerfile,
        buildargs: b.args,
        rm: true,
        forcerm: true,
        ...(b.target ? { target: b.target } : {}),
        ...(svc.settings?.platform ? { platform: svc.settings.platform as string } : {}),
        labels: {},
      },
    );
    await followStream(
      docker,
      stream,
      (m: ProgressMessage) => {
        if (!m.stream) return;
        const line = m.stream.trimEnd();
        if (!line) return;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        onProgress({ service: svc.name, step: 'build', status: 'running', ...steps.line(line) });
      },
      signal,
    );
  } catch (err) {
    if (isCancel(err)) throw stepCancelled(svc, 'build', onProgress, err);
    const why = errorText(err);
    onProgress({ service: svc.name, step: 'build', status: 'error', message: why });
    throw new AppError('BUILD_FAILED', `service ${svc.name}: build failed: ${why}${tail.length ? `\n${tail.slice(-10).join('\n')}` : ''}`, {
      service: svc.name,
      context: b.context,
    });
  }
  const id = await localImageId(docker, svc.image);
  if (!id) throw new AppError('BUILD_FAILED', `service ${svc.name}: the build produced no image ${svc.image}`, { service: svc.name });
  onProgress({ service: svc.name, step: 'build', status: 'done' });
  return id;
}

/**
 * Image Id per service. Compose's rules: pull_policy build/always force it; a build:
 * service builds when its image is missing; else a missing image is pulled.
 */
export async function ensureImages(
  docker: Dockerode,
  services: ServiceModel[],
  onProgress: (p: ImageProgress) => void,
  signal?: AbortSignal,
  /** Build `build:` services even when their image exists (`up --build`). */
  forceBuild = false,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // Same image for several services: get it once.
  const pending = new Map<string, Promise<string>>();
  await Promise.all(
    services.map(async (svc) => {
      const key = `${svc.build ? 'build:' : ''}${svc.image}`;
      let p = pending.get(key);
      if (!p) {
        p = resolveImage(docker, svc, onProgress, signal, forceBuild);
        pending.set(key, p);
      }
      ids.set(svc.name, await p);
    }),
  );
  return ids;
}

async function resolveImage(
  docker: Dockerode,
  svc: ServiceModel,
  onProgress: (p: ImageProgress) => void,
  signal?: AbortSignal,
  forceBuild = false,
): Promise<string> {
  const policy = svc.pullPolicy ?? 'missing';
  if (svc.build && (policy === 'build' || forceBuild)) return buildImage(docker, svc, onProgress, signal);
  if (policy === 'always') return pullImage(docker, svc, onProgress, signal);
  const local = await localImageId(docker, svc.image);
  if (local) return local;
  if (svc.build) return buildImage(docker, svc, onProgress, signal);
  if (policy === 'never') {
    throw new AppError('IMAGE_UNAVAILABLE', `service ${svc.name}: image ${svc.image} is not available locally (pull_policy: never)`, {
      service: svc.name,
      image: svc.image,
    });
  }
  return pullImage(docker, svc, onProgress, signal);
}

const isCancel = (err: unknown): err is AppError => err instanceof AppError && err.code === 'CANCELLED';

/** A pull or build stopped by Cancel: its step marked as such, the cancel passed on unchanged. */
function stepCancelled(svc: ServiceModel, step: 'pull' | 'build', onProgress: (p: ImageProgress) => void, err: AppError): AppError {
  onProgress({ service: svc.name, step, status: 'error', message: 'cancelled' });
  return err;
}

/** Each image the stack runs (once, with every service using it), with its size on the engine. */
export async function stackImages(docker: Dockerode, model: StackModel): Promise<StackImage[]> {
  const byRef = new Map<string, StackImage>();
  for (const name of model.order) {
    const svc = model.services[name]!;
    const seen = byRef.get(svc.image);
    if (seen) seen.services.push(name);
    else byRef.set(svc.image, { services: [name], image: svc.image, built: svc.build !== null, id: null, sizeBytes: null, created: null });
  }
  await Promise.all(
    [...byRef.values()].map(async (img) => {
      try {
        const info = await docker.getImage(img.image).inspect();
        Object.assign(img, { id: info.Id, sizeBytes: info.Size, created: info.Created });
      } catch (err) {
        if (statusCode(err) !== 404) throw err;
      }
    }),
  );
  return [...byRef.values()];
}
