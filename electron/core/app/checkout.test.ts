import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { makeProject } from '../testing/compose-project';
import { ATOM_CHECKOUT_COMPOSE } from '../compose/testdata/corpus';
import { createEnvFromTemplate, inspectCheckout, saveEnvValues } from './checkout';

const checkout = (extra: Record<string, string> = {}) =>
  makeProject(
    { 'docker-compose-personal.yml': ATOM_CHECKOUT_COMPOSE, '.env.personal': '# copy to .env\nSECRET_KEY=\nLOG_LEVEL=info\n', ...extra },
    'atom',
  );

describe('Atom checkout onboarding', () => {
  it('finds the file and lists the required variables, none set yet', () => {
    const dir = checkout();
    const info = inspectCheckout(dir, {});
    expect(info).toMatchObject({
      folder: dir,
      composeFile: join(dir, 'docker-compose-personal.yml'),
      envExists: false,
      template: join(dir, '.env.personal'),
    });
    expect(info.required).toEqual([
      { name: 'SECRET_KEY', message: 'SECRET_KEY must be set in .env', set: false, secret: true },
      { name: 'ENCRYPTION_KEY', message: 'ENCRYPTION_KEY must be set in .env', set: false, secret: true },
    ]);
  });

  it('creates .env from .env.personal once, and never over an existing one', () => {
    const dir = checkout();
    createEnvFromTemplate(dir);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('# copy to .env\nSECRET_KEY=\nLOG_LEVEL=info\n');
    writeFileSync(join(dir, '.env'), 'SECRET_KEY=mine\n');
    expect(() => createEnvFromTemplate(dir)).toThrow(/already exists: it is kept/);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('SECRET_KEY=mine\n');
  });

  it('saves values into .env keeping every other line, with a dated backup of the previous one', () => {
    const dir = checkout({ '.env': '# mine\nSECRET_KEY=\nLOG_LEVEL=debug\n' });
    const saved = saveEnvValues(dir, { SECRET_KEY: 'a b$c', ENCRYPTION_KEY: 'k3y' }, new Date('2026-12-01T12:00:00Z'));
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe("# mine\nSECRET_KEY='a b$c'\nLOG_LEVEL=debug\nENCRYPTION_KEY=k3y\n");
    expect(saved.backup).toBe(join(dir, '.env.backup-20261201-120000'));
    expect(readFileSync(saved.backup!, 'utf8')).toBe('# mine\nSECRET_KEY=\nLOG_LEVEL=debug\n');
    expect(saved.required.every((r) => r.set)).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('k3y');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a folder without the compose file, a relative path, and a value on two lines', () => {
    const empty = makeProject({}, 'empty');
    expect(() => inspectCheckout(empty)).toThrow(/has no docker-compose-personal.yml/);
    expect(() => inspectCheckout('relative/path')).toThrow(AppError);
    const dir = checkout();
    expect(() => saveEnvValues(dir, { SECRET_KEY: 'a\nb' })).toThrow(/spans lines/);
    expect(existsSync(join(dir, '.env'))).toBe(false);
  });
});
