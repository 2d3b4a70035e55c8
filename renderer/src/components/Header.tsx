// Stack identity, engine status and the one primary Start/Stop action.
import { useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../shared/result';
import { useDashboard, useStoreInstance } from '../state/context';
import { EngineStatus } from './EngineStatus';
import { OperationProgress } from './OperationProgress';
import { NameConflictDialog } from './NameConflictDialog';
import { RemoveStackDialog } from './RemoveStackDialog';
import { stackAction } from './stack-action';

export function Header() {
  const store = useStoreInstance();
  const stack = useDashboard((s) => s.stack);
  const engine = useDashboard((s) => s.engine);
  const app = useDashboard((s) => s.app);
  const progress = useDashboard((s) => s.progress);
  const connection = useDashboard((s) => s.connection);
  const [pending, setPending] = useState<'stack.up' | 'stack.stop' | null>(null);
  const [menu, setMenu] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [freeing, setFreeing] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const action = stackAction(stack, pending);
  // Without the core, nothing it last said about the engine is known to hold.
  const coreOpen = connection === 'open';
  const engineOk = coreOpen && engine?.status === 'connected';
  // An "engine unavailable" failure stops being true once the engine is back.
  useEffect(() => {
    if (engineOk && error?.code === 'ENGINE_UNAVAILABLE') setError(null);
  }, [engineOk, error]);

  const run = async () => {
    if (!action.command) return;
    const cmd = action.command;
    setPending(cmd);
    setError(null);
    const r = await store.api.invoke(cmd, {});
    setPending(null);
    if (r.ok) store.set({ stack: r.value });
    else setError(r.error);
  };

  /** Rebuild-and-start and Down: the stack's other actions, each a contract command. */
  const other = async (cmd: 'rebuild' | 'down', volumes = false) => {
    setMenu(false);
    setRemoving(false);
    setError(null);
    const r = cmd === 'rebuild' ? await store.api.invoke('stack.up', { build: true }) : await store.api.invoke('stack.down', { volumes });
    if (r.ok) store.set({ stack: r.value });
    else setError(r.error);
  };

  /** The name conflict's way forward: remove the container in the way (confirmed), then Start again. */
  const freeName = async (container: string) => {
    setFreeing(false);
    setError(null);
    const removed = await store.api.invoke('stack.removeConflict', { container });
    if (!removed.ok) return setError(removed.error);
    store.set({ stack: removed.value });
    await run();
  };

  const cancel = async () => {
    const r = await store.api.invoke('stack.cancel', {});
    if (!r.ok) setError(r.error);
  };

  const op = stack?.operation ?? null;
  const lastError = stack?.lastError ?? null;
  const conflict = (!error || error.code === 'NAME_CONFLICT') && lastError?.conflict ? lastError.conflict : null;
  const files = stack?.files ?? app?.stackFiles ?? [];
  return (
    <header className="app-header" data-testid="header">
      <div className="header-row">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          <div>
            <h1 data-testid="stack-name">{stack?.project ?? app?.project ?? 'Atom'}</h1>
            <div className="muted small mono" data-testid="stack-file" title={files.join('\n')}>
              {files.length > 0 ? files.map((f) => f.split(/[\\/]/).pop()).join(' + ') : 'bundled docker-compose-personal.yml'}
            </div>
          </div>
        </div>
        <div className="header-actions">
          <EngineStatus engine={engine} coreOpen={coreOpen} />
          <button
            type="button"
            className={`btn ${action.command === 'stack.stop' ? 'btn-danger' : 'btn-primary'}`}
            disabled={action.busy || !action.command || !engineOk}
            aria-busy={action.busy}
            onClick={() => void run()}
            data-testid="stack-toggle"
          >
            {action.busy && <span className="spinner" aria-hidden="true" />}
            {action.label}
          </button>
          <div className="stack-menu">
            <button
              type="button"
              className="btn"
              aria-haspopup="menu"
              aria-expanded={menu}
              disabled={!engineOk || action.busy || !stack}
              onClick={() => setMenu(!menu)}
              data-testid="stack-menu"
            >
              More ▾
            </button>
            {menu && stack && (
              <div className="stack-menu-items card" role="menu" onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
                {stack.services.some((s) => s.built) && (
                  <button
                    type="button"
                    role="menuitem"
                    className="btn btn-ghost"
                    onClick={() => void other('rebuild')}
                    data-testid="stack-rebuild"
                  >
                    Rebuild images and start
                  </button>
                )}
                <button
                  type="button"
                  role="menuitem"
                  className="btn btn-ghost"
                  onClick={() => {
                    setMenu(false);
                    setRemoving(true);
                  }}
                  data-testid="stack-remove"
                >
                  Remove stack…
                </button>
              </div>
            )}
          </div>
          {coreOpen && op?.cancellable && (
            <button
              type="button"
              className="btn"
              disabled={op.cancelling === true}
              onClick={() => void cancel()}
              title="Stop this Start and remove what it has created so far"
              data-testid="stack-cancel"
            >
              {op.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
        </div>
      </div>
      {removing && stack && <RemoveStackDialog stack={stack} onConfirm={(v) => void other('down', v)} onClose={() => setRemoving(false)} />}
      {freeing && conflict && stack && (
        <NameConflictDialog
          conflict={conflict}
          project={stack.project}
          onConfirm={() => void freeName(conflict.container)}
          onClose={() => setFreeing(false)}
        />
      )}
      {stack?.operation && <OperationProgress op={stack.operation} events={progress} />}
      {(error ?? lastError) && (
        <div className="callout tone-bad" role="alert" data-testid="stack-error">
          {error?.message ?? lastError!.message}
          {!error && lastError?.lastLogs && lastError.lastLogs.length > 0 && (
            <details className="evidence" data-testid="stack-error-logs">
              <summary>Last logs of {lastError.service ?? 'the service'} (its container was removed)</summary>
              <pre className="mono small">{lastError.lastLogs.join('\n')}</pre>
            </details>
          )}
          {conflict && (
            <div className="row gap-sm callout-actions">
              <button
                type="button"
                className="btn"
                disabled={!engineOk || action.busy}
                onClick={() => setFreeing(true)}
                data-testid="conflict-remove"
              >
                Remove {conflict.container}…
              </button>
            </div>
          )}
        </div>
      )}
    </header>
  );
}
