// Building `build:` services through the engine: .dockerignore honoured, build errors
// found inside the progress stream and reported as BUILD_FAILED with the output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { AppError } from '../../../shared/result';
import { ensureImages, type ImageProgress } from './images';
import { service } from '../testing/stack-model';
import { uniqueProject } from '../testing/test-stack';

function context(dockerfile: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'atom-build-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('image builds', () => {
  let docker: Dockerode;
  const tags: string[] = [];
  beforeAll(async () => {
    docker = await requireEngine();
  });
  afterAll(async () => {
    for (const t of tags)
      await docker
        .getImage(t)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('builds with build args, honouring .dockerignore, with streamed output', async () => {
    const tag = `atom-desktop/test-build:${uniqueProject('b')}`;
    tags.push(tag);
    const dir = context(
      'ARG BASE\nFROM ${BASE}\nCOPY . /ctx\nRUN test -e /ctx/keep.txt && test ! -e /ctx/secret.txt && echo context-ok\n',
      {
        'keep.txt': 'k',
        'secret.txt': 's',
        '.dockerignore': 'secret.txt\n',
      },
    );
    const events: ImageProgress[] = [];
    const svc = service('web', {
      image: tag,
      build: { context: dir, dockerfile: 'Dockerfile', args: { BASE: fixtureEnv().VALKEY_IMAGE }, target: null },
    });
    const ids = await ensureImages(docker, [svc], (p) => events.push(p));
    expect(ids.get('web')).toMatch(/^sha256:/);
    expect(events.some((e) => e.step === 'build' && /context-ok/.test(e.message ?? ''))).toBe(true);
    expect(events[events.length - 1]).toMatchObject({ service: 'web', step: 'build', status: 'done' });
    // Every step reports itself, with the count: a bar from 1 to 4 of 4.
    const counted = events.filter((e) => e.step === 'build' && e.total !== undefined);
    expect([...new Set(counted.map((e) => `${e.current}/${e.total}`))]).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(counted.find((e) => e.current === 4)?.message).toMatch(/^step 4\/4: RUN test -e/);
  });

  it('a failing RUN is BUILD_FAILED naming the service, with the build output', async () => {
    const tag = `atom-desktop/test-build:${uniqueProject('f')}`;
    tags.push(tag);
    const dir = context(`FROM ${fixtureEnv().VALKEY_IMAGE}\nRUN echo about-to-fail && exit 3\n`);
    const svc = service('web', { image: tag, build: { context: dir, dockerfile: 'Dockerfile', args: {}, target: null } });
    const err = await ensureImages(docker, [svc], () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BUILD_FAILED');
    expect((err as AppError).details).toMatchObject({ service: 'web', context: dir });
    expect((err as AppError).message).toMatch(/^service web: build failed: .*returned a non-zero code: 3/);
    expect((err as AppError).message).toContain('about-to-fail');
  });

  it('a cancelled build stops at once: the engine abandons it, no image and no build container is left', async () => {
    const tag = `atom-desktop/test-build:${uniqueProject('c')}`;
    tags.push(tag);
    const marker = `build-cancel-${uniqueProject('m')}`;
    const dir = context(`FROM ${fixtureEnv().VALKEY_IMAGE}\nRUN echo ${marker} && sleep 120\n`);
    const svc = service('web', { image: tag, build: { context: dir, dockerfile: 'Dockerfile', args: {}, target: null } });
    const abort = new AbortController();
    const events: ImageProgress[] = [];
    let cancelledAt = 0;
    const err = await ensureImages(
      docker,
      [svc],
      (p) => {
        events.push(p);
        // Cancel once the long RUN step is under way (its echo came back).
        if (cancelledAt === 0 && (p.message ?? '').trim() === `step 2/2: ${marker}`) {
          cancelledAt = Date.now();
          abort.abort();
        }
      },
      abort.signal,
    ).catch((e: unknown) => e);
    expect(cancelledAt).toBeGreaterThan(0);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CANCELLED');
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(events.at(-1)).toMatchObject({ service: 'web', step: 'build', status: 'error', message: 'cancelled' });
    // The engine stops the RUN container and removes it (forcerm); the tag never appears.
    const running = async () =>
      (await docker.listContainers({ all: true })).filter((c) => c.Command.includes(marker) || c.Command.includes('sleep 120')).length;
    for (let i = 0; i < 100 && (await running()) > 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await running()).toBe(0);
    expect(
      await docker
        .getImage(tag)
        .inspect()
        .then(
          () => 'present',
          () => 'absent',
        ),
    ).toBe('absent');
  });

  it('Rebuild (up --build) builds again even though the image exists; without it the image is reused', async () => {
    const tag = `atom-desktop/test-build:${uniqueProject('r')}`;
    tags.push(tag);
    const dir = context(`FROM ${fixtureEnv().VALKEY_IMAGE}\nCOPY stamp /stamp\n`, { stamp: 'one' });
    const svc = service('web', { image: tag, build: { context: dir, dockerfile: 'Dockerfile', args: {}, target: null } });
    const first = (await ensureImages(docker, [svc], () => undefined)).get('web');
    writeFileSync(join(dir, 'stamp'), 'two');
    const events: ImageProgress[] = [];
    expect((await ensureImages(docker, [svc], (p) => events.push(p))).get('web')).toBe(first);
    expect(events.some((e) => e.step === 'build')).toBe(false);
    const rebuilt = (await ensureImages(docker, [svc], (p) => events.push(p), undefined, true)).get('web');
    expect(rebuilt).toMatch(/^sha256:/);
    expect(rebuilt).not.toBe(first);
    expect(events.at(-1)).toMatchObject({ service: 'web', step: 'build', status: 'done' });
  });
});
