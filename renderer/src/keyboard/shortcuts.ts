// The dashboard's keyboard shortcuts, in one table: the handler and the "?" list both
// read it, so what is listed is what works.
export interface Shortcut {
  keys: string;
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: '/', does: 'Search the messages or the logs (the tab you are on)' },
  { keys: 'Ctrl+K or ⌘K', does: 'Command palette: stack actions and tabs' },
  { keys: '?', does: 'This list' },
  { keys: '↑ ↓ Home End PgUp PgDn', does: 'Move through the message list (it is one Tab stop)' },
  { keys: 'Enter', does: 'Open the message under the cursor' },
  { keys: 'Esc', does: 'Close the message detail, a dialog or the palette' },
  { keys: '← →', does: 'Move between tabs when a tab has the focus' },
  { keys: 'Ctrl+Shift+C, Ctrl+Shift+V', does: 'Copy and paste in the terminal (which takes every other key, Ctrl+K included)' },
];

/** Typing in a field: single-key shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Inside an element that takes every key (the terminal: Ctrl+K is the shell's kill-line). */
export function ownsKeys(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return typeof el?.closest === 'function' && el.closest('[data-own-keys]') !== null;
}

export type ShortcutAction = 'search' | 'palette' | 'help' | null;

/** What a key press asks for, or null. */
export function shortcutOf(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): ShortcutAction {
  if (ownsKeys(e.target)) return null;
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return 'palette';
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  if (e.key === '/') return 'search';
  if (e.key === '?') return 'help';
  return null;
}

/** Palette entries whose label contains every word typed, in order of the list. */
export function filterEntries<T extends { label: string }>(entries: readonly T[], typed: string): T[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => words.every((w) => e.label.toLowerCase().includes(w)));
}
