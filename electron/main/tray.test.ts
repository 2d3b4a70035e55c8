import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub'));
import { resetElectronStub, Tray } from './testing/electron-stub';
import { service, snapshot } from '../../shared/testing/snapshots';
import { StackTray, trayIconPath, trayMenuTemplate } from './tray';
import { stackIsRunning, trayAppearance } from './tray-state';

describe('trayAppearance', () => {
  it('is grey when there is no stack or nothing runs', () => {
    expect(trayAppearance(null).color).toBe('grey');
    expect(trayAppearance(snapshot([])).color).toBe('grey');
    expect(trayAppearance(snapshot([service('valkey', 'absent'), service('atom-backend', 'absent')])).color).toBe('grey');
    const stopped = trayAppearance(
      snapshot([service('valkey', 'exited', { exitCode: 0 }), service('atom-backend', 'exited', { exitCode: 143 })]),
    );
    expect(stopped).toEqual({ color: 'grey', tooltip: 'Atom Desktop: stack stopped' });
  });
  it('is green when every service is healthy or running without a check', () => {
    const look = trayAppearance(snapshot([service('valkey', 'healthy'), service('atom-backend', 'running', { hasHealthcheck: false })]));
    expect(look).toEqual({ color: 'green', tooltip: 'Atom Desktop: 2 services running' });
  });
  it('is amber while an operation runs or a service is starting', () => {
    const op = { id: 'o1', kind: 'up' as const, startedAt: 0, progress: {} };
    expect(trayAppearance(snapshot([service('valkey', 'absent')], { operation: op }))).toEqual({
      color: 'amber',
      tooltip: 'Atom Desktop: stack up in progress',
    });
    expect(trayAppearance(snapshot([service('valkey', 'healthy'), service('atom-backend', 'starting')])).color).toBe('amber');
    expect(trayAppearance(snapshot([service('valkey', 'healthy'), service('atom-backend', 'absent')])).color).toBe('amber');
  });
  it('is red when a service is unhealthy, dead, or exited while others run', () => {
    const unhealthy = trayAppearance(snapshot([service('valkey', 'healthy'), service('atom-backend', 'unhealthy')]));
    expect(unhealthy).toEqual({ color: 'red', tooltip: 'Atom Desktop: atom-backend unhealthy' });
    const crashed = trayAppearance(snapshot([service('valkey', 'healthy'), service('atom-backend', 'exited', { exitCode: 2 })]));
    expect(crashed).toEqual({ color: 'red', tooltip: 'Atom Desktop: atom-backend exited (2)' });
    expect(trayAppearance(snapshot([service('valkey', 'dead')])).color).toBe('red');
  });
  it('knows when the stack runs', () => {
    expect(stackIsRunning(snapshot([service('valkey', 'exited')]))).toBe(false);
    expect(stackIsRunning(snapshot([service('valkey', 'running')]))).toBe(true);
    expect(stackIsRunning(null)).toBe(false);
  });
});

describe('StackTray', () => {
  beforeEach(() => resetElectronStub());
  const actions = () => ({ startStack: vi.fn(), stopStack: vi.fn(), open: vi.fn(), quit: vi.fn() });

  it('follows the stack: image and tooltip change with its state', () => {
    const tray = new StackTray('/icons', actions());
    const t = Tray.instances[0]!;
    expect((t.image as { path: string }).path).toBe(trayIconPath('/icons', 'grey'));
    tray.update(snapshot([service('valkey', 'healthy')]));
    expect((t.image as { path: string }).path).toBe('/icons/tray/tray-green.png');
    expect(t.tooltip).toBe('Atom Desktop: 1 service running');
    tray.update(snapshot([service('valkey', 'unhealthy')]));
    expect(tray.currentColor).toBe('red');
    expect((t.image as { path: string }).path).toBe('/icons/tray/tray-red.png');
    tray.destroy();
    expect(t.destroyed).toBe(true);
  });

  it('menu items dispatch their actions; stop is off when nothing runs', () => {
    const a = actions();
    const items = trayMenuTemplate(snapshot([service('valkey', 'exited')]), a);
    const byLabel = (l: string) => items.find((i) => i.label === l)!;
    expect(byLabel('Stop stack').enabled).toBe(false);
    byLabel('Start stack').click!(undefined as never, undefined, undefined as never);
    byLabel('Open Atom Desktop').click!(undefined as never, undefined, undefined as never);
    byLabel('Quit').click!(undefined as never, undefined, undefined as never);
    expect(a.startStack).toHaveBeenCalled();
    expect(a.open).toHaveBeenCalled();
    expect(a.quit).toHaveBeenCalled();
    const running = trayMenuTemplate(snapshot([service('valkey', 'healthy')]), a);
    running.find((i) => i.label === 'Stop stack')!.click!(undefined as never, undefined, undefined as never);
    expect(a.stopStack).toHaveBeenCalled();
  });
});
