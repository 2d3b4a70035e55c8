import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from './menu';

const actions = () => ({ quit: vi.fn(), startStack: vi.fn(), stopStack: vi.fn(), about: vi.fn() });
const submenu = (t: MenuItemConstructorOptions[], label: string) =>
  t.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];
const click = (i: MenuItemConstructorOptions) => i.click!(undefined as never, undefined, undefined as never);

describe('appMenuTemplate', () => {
  it('has Reload and DevTools in development only', () => {
    const roles = (isDev: boolean) => submenu(appMenuTemplate({ isDev, isMac: false, actions: actions() }), 'View').map((i) => i.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom']));
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('zoomIn');
  });

  it('File, Stack and Help items call their actions', () => {
    const a = actions();
    const t = appMenuTemplate({ isDev: false, isMac: false, actions: a });
    click(submenu(t, 'File')[0]!);
    for (const i of submenu(t, 'Stack')) click(i);
    const help = t.find((i) => i.role === 'help')!.submenu as MenuItemConstructorOptions[];
    click(help[0]!);
    expect(a.quit).toHaveBeenCalled();
    expect(a.startStack).toHaveBeenCalled();
    expect(a.stopStack).toHaveBeenCalled();
    expect(a.about).toHaveBeenCalled();
    expect(t[0]!.role).not.toBe('appMenu');
    expect(appMenuTemplate({ isDev: false, isMac: true, actions: a })[0]!.role).toBe('appMenu');
  });
});
