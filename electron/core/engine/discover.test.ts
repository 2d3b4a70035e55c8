import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { discoverEndpoints, type DiscoverEnv } from './discover';

function env(over: Partial<DiscoverEnv> & { files?: Record<string, string> } = {}): DiscoverEnv {
  const files = over.files ?? {};
  return { env: {}, home: '/home/u', platform: 'linux', exists: (p) => p in files, read: (p) => files[p] ?? null, ...over };
}

describe('discoverEndpoints', () => {
  it('uses DOCKER_HOST first (unix, tcp with TLS, npipe)', () => {
    expect(discoverEndpoints(env({ env: { DOCKER_HOST: 'unix:///tmp/d.sock' } }))[0]?.options).toEqual({ socketPath: '/tmp/d.sock' });
    const tls = discoverEndpoints(
      env({
        env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' },
        files: { '/c/ca.pem': 'CA', '/c/cert.pem': 'CE', '/c/key.pem': 'K' },
      }),
    )[0];
    expect(tls?.options).toEqual({ host: 'h', port: '2376', protocol: 'https', ca: 'CA', cert: 'CE', key: 'K' });
    expect(discoverEndpoints(env({ env: { DOCKER_HOST: 'tcp://h' } }))[0]?.options).toEqual({ host: 'h', port: '2375', protocol: 'http' });
    expect(discoverEndpoints(env({ env: { DOCKER_HOST: 'npipe:////./pipe/docker_engine' } }))[0]?.options).toEqual({
      socketPath: '//./pipe/docker_engine',
    });
    expect(() => discoverEndpoints(env({ env: { DOCKER_HOST: 'foo://x' } }))).toThrow(
      /DOCKER_HOST: unsupported engine address 'foo:\/\/x'/,
    );
  });

  it('follows the current docker context', () => {
    const hash = createHash('sha256').update('colima').digest('hex');
    const files = {
      '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'colima' }),
      [`/home/u/.docker/contexts/meta/${hash}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: 'unix:///home/u/.colima/default/docker.sock' } },
      }),
    };
    const ep = discoverEndpoints(env({ files }))[0];
    expect(ep).toMatchObject({ url: 'unix:///home/u/.colima/default/docker.sock', source: 'docker context colima' });
    // A tcp context verifies TLS with its own material, unless it says to skip verification.
    const remote = createHash('sha256').update('remote').digest('hex');
    const tlsFiles = {
      [`/home/u/.docker/contexts/meta/${remote}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: 'tcp://build.example:2376' } },
      }),
      [`/home/u/.docker/contexts/tls/${remote}/docker/ca.pem`]: 'CA',
      [`/home/u/.docker/contexts/tls/${remote}/docker/cert.pem`]: 'CE',
      [`/home/u/.docker/contexts/tls/${remote}/docker/key.pem`]: 'K',
    };
    const verified = discoverEndpoints(env({ files: tlsFiles, env: { DOCKER_CONTEXT: 'remote' } }))[0]!;
    expect(verified).toMatchObject({ source: 'docker context remote', options: { protocol: 'https', ca: 'CA', cert: 'CE', key: 'K' } });
    expect((verified.options as { agent?: unknown }).agent).toBeUndefined();
    const skip = {
      ...tlsFiles,
      [`/home/u/.docker/contexts/meta/${remote}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: 'tcp://build.example:2376', SkipTLSVerify: true } },
      }),
    };
    const unverified = discoverEndpoints(env({ files: skip, env: { DOCKER_CONTEXT: 'remote' } }))[0]!;
    expect(unverified.source).toBe('docker context remote (TLS not verified)');
    expect((unverified.options as { agent?: { options: { rejectUnauthorized?: boolean } } }).agent?.options.rejectUnauthorized).toBe(false);
    // DOCKER_CONTEXT overrides config.json; "default" means the sockets.
    expect(discoverEndpoints(env({ files, env: { DOCKER_CONTEXT: 'default' } }))[0]?.url).toBe('unix:///var/run/docker.sock');
  });

  it('falls back to the sockets that exist, in order, else the default socket', () => {
    const files = { '/home/u/.rd/docker.sock': '', '/run/user/1/podman/podman.sock': '' };
    expect(discoverEndpoints(env({ files, env: { XDG_RUNTIME_DIR: '/run/user/1' } })).map((e) => e.source)).toEqual([
      'Rancher Desktop',
      'Podman (rootless)',
    ]);
    expect(discoverEndpoints(env()).map((e) => e.url)).toEqual(['unix:///var/run/docker.sock']);
    expect(discoverEndpoints(env({ platform: 'win32' }))[0]?.options).toEqual({ socketPath: '//./pipe/docker_engine' });
  });
});
