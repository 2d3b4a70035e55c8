import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStack } from './load';
import { ComposeError, type LoadOptions } from './model';
import { lineOf, makeProject } from '../testing/compose-project';

const ATOM = `name: atom
services:
  valkey:
    image: valkey/valkey:8
    networks: [atomnet]
    volumes:
      - valkey-data:/data
    healthcheck:
      test: valkey-cli ping
      interval: 1m30s
      timeout: 500ms
      retries: 3
      start_period: 1h2m3.5s
      start_interval: 2s
  atom-backend:
    build: ./backend
    environment:
      SECRET_KEY: \${SECRET_KEY:?SECRET_KEY is required}
      REDIS_URL: redis://valkey:6379
    extra_hosts: ["host.docker.internal:host-gateway"]
    networks:
      atomnet:
        aliases: [backend]
    depends_on:
      valkey:
        condition: service_healthy
    ports: ["127.0.0.1:8000:8000"]
    command: uvicorn app:main --host "0.0.0.0"
networks:
  atomnet: {}
volumes:
  valkey-data: {}
`;

const load = (dir: string, opts: Partial<LoadOptions> = {}, file = 'docker-compose.yml') =>
  loadStack({ files: [file], cwd: dir, env: {}, ...opts });

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ComposeError) return e.message.split('\n');
    throw e;
  }
  throw new Error('expected a ComposeError');
}

describe('loadStack: the Atom-like file', () => {
  const dir = makeProject({ 'docker-compose.yml': ATOM, 'backend/Dockerfile': 'FROM scratch\n' });
  const { model, warnings } = load(dir, { env: { SECRET_KEY: 's3cret' } });
  const backend = model.services['atom-backend']!;
  const valkey = model.services.valkey!;

  it('names the project, orders services and resolves resources', () => {
    expect(model.name).toBe('atom');
    expect(model.order).toEqual(['valkey', 'atom-backend']);
    expect(model.networks).toEqual({
      atomnet: {
        name: 'atom_atomnet',
        external: false,
        driver: null,
        labels: {},
        driverOpts: {},
        internal: false,
        attachable: false,
        enableIpv6: null,
        ipam: null,
      },
    });
    expect(model.volumes).toEqual({
      'valkey-data': { name: 'atom_valkey-data', external: false, driver: null, labels: {}, driverOpts: {} },
    });
    expect(model.configFiles).toEqual([join(dir, 'docker-compose.yml')]);
    expect(warnings).toEqual([]);
  });

  it('normalizes the build-only backend', () => {
    expect(backend.image).toBe('atom-atom-backend');
    expect(backend.build).toEqual({ context: join(dir, 'backend'), dockerfile: 'Dockerfile', args: {}, target: null });
    expect(backend.environment).toEqual({ SECRET_KEY: 's3cret', REDIS_URL: 'redis://valkey:6379' });
    expect(backend.secretKeys).toEqual(['SECRET_KEY']);
    expect(backend.extraHosts).toEqual(['host.docker.internal:host-gateway']);
    expect(backend.networks).toEqual({ atomnet: { aliases: ['backend'], ipv4Address: null } });
    expect(backend.dependsOn).toEqual({ valkey: { condition: 'service_healthy', required: true, restart: false } });
    expect(backend.ports).toEqual([{ target: 8000, published: '8000', hostIp: '127.0.0.1', protocol: 'tcp' }]);
    expect(backend.command).toEqual(['uvicorn', 'app:main', '--host', '0.0.0.0']);
  });

  it('normalizes the healthcheck and the named volume', () => {
    expect(valkey.healthcheck).toEqual({
      test: ['CMD-SHELL', 'valkey-cli ping'],
      disable: false,
      intervalNs: 90e9,
      timeoutNs: 500e6,
      retries: 3,
      startPeriodNs: 3723.5e9,
      startIntervalNs: 2e9,
      written: { disable: false, test: true },
    });
    expect(valkey.volumes).toEqual([{ type: 'volume', source: 'valkey-data', target: '/data', readOnly: false, volumeOptions: true }]);
  });

  it('fails naming the missing required variable, its message, file and line', () => {
    const file = join(dir, 'docker-compose.yml');
    expect(problemsOf(() => load(dir))).toEqual([
      `${file}:${lineOf(ATOM, 'SECRET_KEY:')}:19: services.atom-backend.environment.SECRET_KEY: required variable SECRET_KEY is missing a value: SECRET_KEY is required`,
    ]);
  });
});

describe('loadStack: environment', () => {
  it('.env values, with the OS environment winning', () => {
    const dir = makeProject({ '.env': 'A=dotenv\nB=dotenv\n', 'docker-compose.yml': 'services:\n  s:\n    image: "${A}-${B}"\n' });
    const { model } = load(dir, { env: { B: 'os' } });
    expect(model.services.s!.image).toBe('dotenv-os');
    expect(model.envFile).toBe(join(dir, '.env'));
  });

  it('--env-file replaces .env; a missing one is an error', () => {
    const dir = makeProject({
      '.env': 'A=dotenv\n',
      'other.env': 'A=other\n',
      'docker-compose.yml': 'services:\n  s:\n    image: "${A}"\n',
    });
    expect(load(dir, { envFile: 'other.env' }).model.services.s!.image).toBe('other');
    expect(problemsOf(() => load(dir, { envFile: 'nope.env' }))).toEqual([`${join(dir, 'nope.env')}: env file not found (--env-file)`]);
  });

  it('reports a bad .env line with its file and line', () => {
    const dir = makeProject({ '.env': 'OK=1\nBAD KEY\n', 'docker-compose.yml': 'services:\n  s:\n    image: x\n' });
    expect(problemsOf(() => load(dir))).toEqual([`${join(dir, '.env')}:2: key cannot contain a space`]);
  });

  it('env_file (string, list, long form) then environment on top', () => {
    const dir = makeProject({
      'a.env': 'A=1\nB=from-a\nC=from-a\n',
      'sub/b.env': 'B=from-b\nD=${A}-${HOSTVAR}\n',
      'docker-compose.yml': `services:
  s:
    image: x
    env_file:
      - a.env
      - path: sub/b.env
      - path: missing.env
        required: false
    environment:
      C: from-environment
      FROM_OS:
      NOT_SET:
  t:
    image: x
    env_file: a.env
    environment: [ "A=list", "FROM_OS" ]
`,
    });
    const { model, warnings } = load(dir, { env: { FROM_OS: 'os', HOSTVAR: 'h' } });
    expect(model.services.s!.environment).toEqual({ A: '1', B: 'from-b', C: 'from-environment', D: '1-h', FROM_OS: 'os', NOT_SET: null });
    expect(model.services.t!.environment).toEqual({ A: 'list', B: 'from-a', C: 'from-a', FROM_OS: 'os' });
    expect(warnings.map((w) => w.message)).toEqual([`optional env file ${join(dir, 'missing.env')} not found, skipped`]);
  });

  it('a missing required env_file is an error naming the service', () => {
    const dir = makeProject({ 'docker-compose.yml': 'services:\n  s:\n    image: x\n    env_file: gone.env\n' });
    expect(problemsOf(() => load(dir))).toEqual([
      `${join(dir, 'docker-compose.yml')}:4:15: services.s.env_file[0]: env file ${join(dir, 'gone.env')} not found`,
    ]);
  });

  it('warns about an unset variable with file, line and key path', () => {
    const dir = makeProject({ 'docker-compose.yml': 'services:\n  s:\n    image: x\n    labels:\n      a: "${NOPE}"\n' });
    const { model, warnings } = load(dir);
    expect(model.services.s!.labels).toEqual({ a: '' });
    expect(warnings).toEqual([
      {
        message: 'The "NOPE" variable is not set. Defaulting to a blank string.',
        file: join(dir, 'docker-compose.yml'),
        line: 5,
        path: 'services.s.labels.a',
      },
    ]);
  });
});

describe('loadStack: validation errors are precise', () => {
  it('an unknown key reads file:line:col: path: additional property', () => {
    const text = 'services:\n  valkey:\n    image: valkey/valkey:8\n    ports:\n      - "6379:6379"\n    restart: always\n    portz: 1\n';
    const dir = makeProject({ 'docker-compose.yml': text });
    expect(problemsOf(() => load(dir)).map((l) => l.replace(`${dir}/`, ''))).toEqual([
      "docker-compose.yml:7:5: services.valkey: additional property 'portz' is not allowed",
    ]);
  });

  it.each([
    ['build: 5', 'services.s.build: must be a string or object'],
    ['ports: [{targt: 80}]', "services.s.ports[0]: additional property 'targt' is not allowed"],
    ['environment: {A: [1]}', 'services.s.environment.A: must be a string, number, boolean or null'],
    ['depends_on: {x: {}}', "services.s.depends_on.x: missing required property 'condition'"],
    ['restart: [always]', 'services.s.restart: must be a string'],
  ])('%s', (line, message) => {
    const dir = makeProject({ 'docker-compose.yml': `services:\n  s:\n    image: x\n    ${line}\n` });
    const got = problemsOf(() => load(dir));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(new RegExp(`docker-compose\\.yml:4:\\d+: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it.each([
    ['services:\n  s:\n    image: x\n    volumes: ["data:/d"]\n', ':4:15: services.s.volumes[0]: service uses undefined volume "data"'],
    ['services:\n  s:\n    image: x\n    networks: [ghost]\n', ':4:16: services.s.networks[0]: service uses undefined network "ghost"'],
    [
      'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n',
      ':4:17: services.a.depends_on: cycle a -> b -> a',
    ],
    ['services:\n  a:\n    image: x\n    depends_on: [ghost]\n', ':4:18: services.a.depends_on[0]: depends on undefined service "ghost"'],
    // The unknown one is named at its own list item or key, not at the first entry.
    [
      'services:\n  a:\n    image: x\n    depends_on:\n      - b\n      - ghost\n  b:\n    image: x\n',
      ':6:9: services.a.depends_on[1]: depends on undefined service "ghost"',
    ],
    [
      'services:\n  a:\n    image: x\n    depends_on:\n      b: {condition: service_started}\n      ghost: {condition: service_started}\n  b:\n    image: x\n',
      ':6:7: services.a.depends_on.ghost: depends on undefined service "ghost"',
    ],
    ['services:\n  a:\n    command: [x]\n', ':2:3: services.a: service "a" has neither an image nor a build context specified'],
    ['services:\n  a:\n    image: x\n    stop_grace_period: 10x\n', ':4:24: services.a.stop_grace_period: invalid duration "10x"'],
    ['services:\n  a:\n    image: x\n    ports: ["99999:80"]\n', ':4:13: services.a.ports[0]: host port 99999 out of range 1-65535'],
    ['services:\n  a:\n    image: x\n    restart: sometimes\n', ':4:14: services.a.restart: invalid restart policy "sometimes"'],
    [
      'services:\n  a:\n    image: x\n    healthcheck:\n      test: [RUN, x]\n',
      ':5:13: services.a.healthcheck.test: test must start with CMD, CMD-SHELL or NONE',
    ],
    ['services:\n  a:\n    image: x\n    command: echo "oops\n', ':4:14: services.a.command: unterminated double quote'],
    ['services:\n  a:\n    image: x\n    image: y\n', ':4:5: Map keys must be unique'],
    // Unclosed quotes and brackets point at the opener, not where the file runs out.
    ['services:\n  a:\n    image: x\n  b: [\n', ':4:6: Flow sequence in block collection must be sufficiently indented'],
    ['services:\n  a:\n    ports:\n      - "1:1\n  b:\n    image: y\n', ':4:9: Missing closing "quote (opened here)'],
    ["services:\n  a:\n    image: 'x\n", ":3:12: Missing closing 'quote (opened here)"],
    ['x: &a\n  image: 1\nservices:\n  s:\n    <<: *zz\n', ':5:9: services.s: bad alias *zz'],
    ['services:\n  s:\n    image: x\n    ports: ["80:80", "80:80"]\n', ':4:12: services.s.ports: must not contain duplicate items'],
    ['', ':1:1: empty compose file'],
    ['name: "Bad Name"\nservices: {}\n', ':1:7: name: invalid project name "Bad Name"'],
  ])('%j', (text, want) => {
    const dir = makeProject({ 'docker-compose.yml': text });
    const got = problemsOf(() => load(dir));
    expect(
      got.some((l) => l.startsWith(`${join(dir, 'docker-compose.yml')}${want}`)),
      got.join('\n'),
    ).toBe(true);
  });

  it('a missing file is named', () => {
    const dir = makeProject({});
    expect(problemsOf(() => load(dir, { files: ['nope.yml'] }))).toEqual([`${join(dir, 'nope.yml')}: compose file not found`]);
  });
});
