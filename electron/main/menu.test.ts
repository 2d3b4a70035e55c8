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
    const item = (menu: string, label: string) => submenu(t, menu).find((i) => i.label === label)!;
    // Each item is clicked alone and must call its own action and no other, so
    // swapping Start and Stop (or wiring both to one) fails here.
    const only = (fn: ReturnType<typeof vi.fn>) => {
      for (const f of Object.values(a)) expect(f).toHaveBeenCalledTimes(f === fn ? 1 : 0);
      for (const f of Object.values(a)) f.mockClear();
    };
    click(item('Stack', 'Start stack'));
    only(a.startStack);
    click(item('Stack', 'Stop stack'));
    only(a.stopStack);
    click(submenu(t, 'File')[0]!);
    only(a.quit);
    const help = t.find((i) => i.role === 'help')!.submenu as MenuItemConstructorOptions[];
    click(help[0]!);
    only(a.about);
    expect(t[0]!.role).not.toBe('appMenu');
    expect(appMenuTemplate({ isDev: false, isMac: true, actions: a })[0]!.role).toBe('appMenu');
  });
});
