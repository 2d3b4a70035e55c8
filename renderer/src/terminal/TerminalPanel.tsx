// The Terminal tab: a shell in a running service's container. Pick the service and the
// shell, open, and type; the session stays while other tabs are shown, and ends when
// the shell exits, when Close is pressed, or when the page goes away.
import { useEffect, useRef, useState } from 'react';
import { isServiceServing } from '../../../shared/rules';
import { TERMINAL_SHELLS, type TerminalShell } from '../../../shared/stack';
import { useDashboard, useStoreInstance } from '../state/context';
import { TerminalLink } from './terminal-link';
import { type TerminalScreen, TerminalView } from './TerminalView';

type Status = { kind: 'idle' } | { kind: 'opening' } | { kind: 'open'; label: string } | { kind: 'ended'; text: string; bad: boolean };
type Size = { cols: number; rows: number };

const SHELL_LABEL: Record<TerminalShell, string> = { auto: 'Auto (bash, else sh)', bash: 'bash', sh: 'sh' };

export function TerminalPanel({ request }: { request: { service: string; at: number } | null }) {
  const store = useStoreInstance();
  const running = useDashboard((s) =>
    (s.stack?.services ?? [])
      .filter(isServiceServing)
      .map((s) => s.name)
      .join('\n'),
  );
  const theme = useDashboard((s) => s.settings?.theme);
  const names = running ? running.split('\n') : [];
  const [service, setService] = useState<string>('');
  const [shell, setShell] = useState<TerminalShell>('auto');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [size, setSize] = useState<Size | null>(null);
  const screen = useRef<TerminalScreen | null>(null);
  const link = useRef<TerminalLink | null>(null);
  const chosen = service && names.includes(service) ? service : (names[0] ?? '');

  const open = async (target: string) => {
    if (!target || !screen.current) return;
    link.current?.close();
    link.current = null;
    setStatus({ kind: 'opening' });
    const scr = screen.current;
    const requested = scr.size();
    try {
      const opened = await TerminalLink.open(
        store.api,
        { service: target, shell, ...requested },
        {
          write: (d) => scr.write(d),
          exited: (code) => {
            const text = code === null ? 'The shell ended' : `The shell exited with code ${code}`;
            scr.writeNote(`[${text}]`);
            setStatus({ kind: 'ended', text, bad: code !== 0 && code !== null });
          },
          failed: (message) => {
            scr.writeNote(`[${message}]`);
            setStatus({ kind: 'ended', text: message, bad: true });
          },
        },
      );
      link.current = opened;
      // The screen may have been fitted while the shell opened (the tab just came into
      // view): the TTY takes the size it has now.
      const now = scr.size();
      if (now.cols !== requested.cols || now.rows !== requested.rows) opened.resize(now.cols, now.rows);
      setSize(now);
      setStatus({ kind: 'open', label: `${target} · ${opened.opened.containerId.slice(0, 12)} · ${SHELL_LABEL[opened.opened.shell]}` });
      scr.focus();
    } catch (err) {
      setStatus({ kind: 'ended', text: err instanceof Error ? err.message : String(err), bad: true });
    }
  };

  // "Terminal" on a service card: open that service's shell.
  useEffect(() => {
    if (!request) return;
    setService(request.service);
    void open(request.service);
    // Each request (its time) opens once.
  }, [request?.at]);

  // Leaving the page hangs up, so no shell outlives its window.
  useEffect(() => () => link.current?.close(), []);

  const close = () => {
    link.current?.close();
    link.current = null;
    setStatus({ kind: 'ended', text: 'Closed', bad: false });
  };
  const isOpen = status.kind === 'open' || status.kind === 'opening';

  return (
    <div className="panel terminal-panel" data-testid="terminal-panel">
      <div className="toolbar">
        <label className="field-inline">
          <span>Service</span>
          <select value={chosen} onChange={(e) => setService(e.target.value)} data-testid="terminal-service" disabled={names.length === 0}>
            {names.length === 0 && <option value="">no service is running</option>}
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Shell</span>
          <select value={shell} onChange={(e) => setShell(e.target.value as TerminalShell)} data-testid="terminal-shell">
            {TERMINAL_SHELLS.map((s) => (
              <option key={s} value={s}>
                {SHELL_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={!chosen || status.kind === 'opening'}
          onClick={() => void open(chosen)}
          data-testid="terminal-open"
        >
          {isOpen ? 'Open a new shell' : 'Open shell'}
        </button>
        <button type="button" className="btn btn-sm" disabled={!isOpen} onClick={close} data-testid="terminal-close">
          Close
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={!isOpen}
          onClick={() =>
            void navigator.clipboard?.readText().then((t) => {
              if (t) screen.current?.paste(t);
              // Back to the shell, so the next key goes there and not to this button.
              screen.current?.focus();
            })
          }
          title="Paste the clipboard into the shell (or Ctrl+Shift+V)"
          data-testid="terminal-paste"
        >
          Paste
        </button>
        <span
          className={`small ${status.kind === 'ended' && status.bad ? 'bad-text' : 'muted'}`}
          role="status"
          data-testid="terminal-status"
        >
          {status.kind === 'idle' &&
            (names.length ? 'Choose a service and open a shell.' : 'Start the stack to open a shell in a service.')}
          {status.kind === 'opening' && 'Opening…'}
          {status.kind === 'open' && `${status.label}${size ? ` · ${size.cols}×${size.rows}` : ''}`}
          {status.kind === 'ended' && status.text}
        </span>
      </div>
      <p className="muted small terminal-hint">Select text to copy it with Ctrl+Shift+C; paste with Ctrl+Shift+V.</p>
      <TerminalView
        theme={theme}
        onReady={(s) => (screen.current = s)}
        onData={(d) => link.current?.input(d)}
        onResize={(cols, rows) => {
          setSize({ cols, rows });
          link.current?.resize(cols, rows);
        }}
      />
    </div>
  );
}
