import { delimiter, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, offerStackChoice } from '../../../shared/settings';
import { overridesFromEnv, selectStack } from './stack-files';

describe('selectStack', () => {
  it('uses the bundled file when nothing is chosen', () => {
    expect(selectStack(DEFAULT_SETTINGS, '/res', {})).toEqual({
      source: 'bundled',
      files: ['/res/docker-compose-personal.yml'],
      envFile: null,
      projectName: null,
      projectDir: null,
    });
    // A project name alone does not choose files: still the bundled stack (the first-run choice is offered).
    expect(selectStack(DEFAULT_SETTINGS, '/res', { projectName: 'p' }).source).toBe('bundled');
    expect(offerStackChoice({ stackSource: 'bundled' }, DEFAULT_SETTINGS)).toBe(true);
    expect(offerStackChoice({ stackSource: 'bundled' }, { stackChosen: true })).toBe(false);
    expect(offerStackChoice({ stackSource: 'flags' }, DEFAULT_SETTINGS)).toBe(false);
  });

  it('prefers the settings over the bundled file, and overrides over both', () => {
    const settings = { ...DEFAULT_SETTINGS, stackFiles: ['/atom/docker-compose.yml'], envFile: '/atom/.env' };
    expect(selectStack(settings, '/res', {})).toMatchObject({ files: ['/atom/docker-compose.yml'], source: 'settings' });
    const sel = selectStack(settings, '/res', { files: ['a.yml', 'b.yml'], envFile: null, projectName: 'p' });
    expect(sel).toEqual({
      source: 'flags',
      files: [resolve('a.yml'), resolve('b.yml')],
      envFile: null,
      projectName: 'p',
      projectDir: null,
    });
    expect(selectStack(settings, '/res', { projectDir: 'atom' }).projectDir).toBe(resolve('atom'));
  });
});

describe('overridesFromEnv', () => {
  it('reads the ATOM_DESKTOP_* variables', () => {
    expect(
      overridesFromEnv({
        ATOM_DESKTOP_COMPOSE_FILES: ['a.yml', 'b.yml'].join(delimiter),
        ATOM_DESKTOP_PROJECT: 'x',
        ATOM_DESKTOP_ENV_FILE: '.env.test',
      }),
    ).toEqual({
      files: ['a.yml', 'b.yml'],
      projectName: 'x',
      envFile: '.env.test',
    });
    expect(overridesFromEnv({})).toEqual({});
  });
});
