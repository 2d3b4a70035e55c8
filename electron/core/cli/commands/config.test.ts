import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { EXIT } from '../exit-codes';
import { run } from './config';
import { run as runUp } from './up';

let out = '';
let err = '';
let cwd = '';

beforeEach(() => {
  out = '';
  err = '';
  cwd = mkdtempSync(join(tmpdir(), 'atom-config-cli-'));
  vi.spyOn(process, 'cwd').mockReturnValue(cwd);
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err += `${a.join(' ')}\n`;
  });
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out += `${a.join(' ')}\n`;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('atom-desktop config', () => {
  it('prints yaml for the default file, json with --format json', async () => {
    writeFileSync(join(cwd, 'compose.yaml'), 'services:\n  s:\n    image: "${IMG:-x}"\n    environment: {API_TOKEN: t}\n');
    expect(await run(['-p', 'demo'])).toBe(0);
    expect(parse(out)).toEqual({
      name: 'demo',
      services: { s: { image: 'x', environment: { API_TOKEN: 't' }, networks: { default: null } } },
      networks: { default: { name: 'demo_default' } },
    });
    out = '';
    expect(await run(['--format', 'json', '-f', 'compose.yaml', '-p', 'demo'])).toBe(0);
    expect(JSON.parse(out).services.s.image).toBe('x');
  });

  it('prefers docker-compose-personal.yml and honours --profile and --env-file', async () => {
    writeFileSync(join(cwd, 'docker-compose.yml'), 'services:\n  other:\n    image: o\n');
    writeFileSync(
      join(cwd, 'docker-compose-personal.yml'),
      'services:\n  a:\n    image: "${TAG}"\n  b:\n    image: b\n    profiles: [extra]\n',
    );
    writeFileSync(join(cwd, 'my.env'), 'TAG=tagged\n');
    expect(await run(['--env-file', 'my.env', '--profile', 'extra', '--format', 'json'])).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json.services)).toEqual(['a', 'b']);
    expect(json.services.a.image).toBe('tagged');
  });

  it('writes warnings to stderr', async () => {
    writeFileSync(join(cwd, 'compose.yaml'), 'services:\n  s:\n    image: "${NOPE}x"\n');
    expect(await run([])).toBe(0);
    expect(err).toContain(`warning: ${join(cwd, 'compose.yaml')}:3: services.s.image: The "NOPE" variable is not set`);
  });

  it('exits 2 (the table\'s "usage") with one problem per line', async () => {
    writeFileSync(join(cwd, 'bad.yml'), 'services:\n  s:\n    image: x\n    portz: 1\n    ports: ["${P:?P is required}:80"]\n');
    expect(await run(['-f', 'bad.yml'])).toBe(EXIT.usage);
    expect(err.trim().split('\n')).toEqual([
      `${join(cwd, 'bad.yml')}:5:13: services.s.ports[0]: required variable P is missing a value: P is required`,
      `${join(cwd, 'bad.yml')}:4:5: services.s: additional property 'portz' is not allowed`,
    ]);
    expect(out).toBe('');
  });

  it('rejects bad usage', async () => {
    expect(await run(['--format', 'xml'])).toBe(2);
    expect(await run(['--bogus'])).toBe(2);
    expect(await run([])).toBe(EXIT.usage);
    expect(err).toContain('no compose file found');
  });

  it('exits with the same code as `up` for the same bad file (one exit-code table)', async () => {
    const bad = join(cwd, 'bad.yml');
    writeFileSync(bad, 'services:\n  s:\n    image: x\n    depends_on: [ghost]\n');
    const fromConfig = await run(['-f', bad]);
    const fromUp = await runUp(['-f', bad]);
    expect([fromConfig, fromUp]).toEqual([EXIT.usage, EXIT.usage]);
    expect(err).toContain(`${bad}:4:18: services.s.depends_on[0]: depends on undefined service "ghost"`);
  });
});
