// xterm.js on screen: fits its box (and tells the core each new size), draws output
// with an ack so the link reads no faster than the screen draws, copies the selection
// with Ctrl+Shift+C and leaves Ctrl+Shift+V to the browser's own paste. Colours follow
// the app's theme.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { copyText } from '../util/format';

export interface TerminalScreen {
  write(data: string): Promise<void>;
  writeNote(text: string): void;
  focus(): void;
  size(): { cols: number; rows: number };
  selection(): string;
  paste(text: string): void;
}

interface Props {
  onData: (data: string) => void;
  onResize: (cols: number, rows: number) => void;
  onReady: (screen: TerminalScreen) => void;
  theme: string | undefined;
}

/** The theme's colours, resolved by the browser from the app's tokens. */
function themeOf(el: HTMLElement): { background: string; foreground: string; cursor: string; selectionBackground: string } {
  const probe = document.createElement('span');
  probe.style.cssText = 'color: var(--fg); background: var(--bg-sunken); border-color: var(--accent); outline-color: var(--bg-selected)';
  el.appendChild(probe);
  const cs = getComputedStyle(probe);
  const colours = { background: cs.backgroundColor, foreground: cs.color, cursor: cs.borderTopColor, selectionBackground: cs.outlineColor };
  probe.remove();
  return colours;
}

export function TerminalView({ onData, onResize, onReady, theme }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const handlers = useRef({ onData, onResize });
  handlers.current = { onData, onResize };

  useEffect(() => {
    const el = box.current!;
    const t = new Terminal({
      fontFamily: getComputedStyle(el).fontFamily,
      fontSize: 13,
      cursorBlink: true,
      scrollback: 5_000,
      theme: themeOf(el),
    });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(el);
    term.current = t;
    t.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
      if (e.code === 'KeyC') {
        void copyText(t.getSelection());
        return false;
      }
      // Not a key for the shell: the browser pastes, and xterm takes the paste event.
      return e.code !== 'KeyV';
    });
    const data = t.onData((d) => handlers.current.onData(d));
    const resized = t.onResize(({ cols, rows }) => handlers.current.onResize(cols, rows));
    // Fit only a box that has a size (a hidden tab has none).
    const refit = () => {
      if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
    };
    refit();
    const observer = new ResizeObserver(refit);
    observer.observe(el);
    onReady({
      write: (d) => new Promise<void>((r) => t.write(d, r)),
      writeNote: (text) => t.write(`\r\n\x1b[2m${text}\x1b[0m\r\n`),
      focus: () => t.focus(),
      size: () => ({ cols: t.cols, rows: t.rows }),
      selection: () => t.getSelection(),
      paste: (text) => t.paste(text),
    });
    return () => {
      observer.disconnect();
      data.dispose();
      resized.dispose();
      t.dispose();
      term.current = null;
    };
    // The screen lives as long as the view: handlers are read through the ref.
  }, []);

  // Recoloured when the theme setting changes, and when the system's does (theme "system").
  useEffect(() => {
    const recolour = () => {
      if (term.current && box.current) term.current.options.theme = themeOf(box.current);
    };
    recolour();
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', recolour);
    return () => media.removeEventListener('change', recolour);
  }, [theme]);

  return <div ref={box} className="terminal-screen" data-testid="terminal-screen" data-own-keys />;
}
