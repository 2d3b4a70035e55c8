// Opening an Atom checkout: find its compose file, create .env from .env.personal when
// there is none, fill what the file requires (masked, with "generate" for keys and
// secrets), save into .env (the core keeps a backup), then switch the app to it.
import { useState, type FormEvent } from 'react';
import type { CheckoutInfo } from '../../../shared/settings';
import { useDashboard, useStoreInstance } from '../state/context';

/** 32 random bytes, base64url: a fresh key or secret. */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The required variables still missing once `values` are saved. */
export function stillMissing(info: CheckoutInfo, values: Record<string, string>): CheckoutInfo['required'] {
  return info.required.filter((r) => !r.set && !(values[r.name] ?? '').length);
}

export function CheckoutPanel() {
  const store = useStoreInstance();
  const [folder, setFolder] = useState('');
  const [info, setInfo] = useState<CheckoutInfo | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // The desktop app has a native folder dialog; in a browser the path is typed.
  const desktop = useDashboard((s) => s.app?.mode === 'electron');

  const answer = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }, then: (v: T) => void) => {
    if (r.ok) then(r.value);
    else setStatus({ ok: false, text: r.error.message });
  };
  const inspect = async (path: string) => {
    setStatus(null);
    setValues({});
    answer(await store.api.invoke('checkout.inspect', { folder: path }), setInfo);
  };
  const open = async (e: FormEvent) => {
    e.preventDefault();
    await inspect(folder.trim());
  };
  const browse = async () => {
    const r = await store.api.invoke('app.pickFolder', { title: 'Open an Atom checkout' });
    answer(r, (v) => {
      if (!v.folder) return;
      setFolder(v.folder);
      void inspect(v.folder);
    });
  };
  const createEnv = async () => {
    if (!info) return;
    answer(await store.api.invoke('checkout.createEnv', { folder: info.folder }), (v) => {
      setInfo(v);
      setStatus({ ok: true, text: `Created .env from .env.personal.` });
    });
  };
  const save = async () => {
    if (!info) return;
    const missing = stillMissing(info, values);
    if (missing.length > 0) {
      setStatus({ ok: false, text: `Still required: ${missing.map((m) => `${m.name} (${m.message})`).join(', ')}` });
      return;
    }
    const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    answer(await store.api.invoke('checkout.saveEnv', { folder: info.folder, values: given }), (v) => {
      setInfo(v);
      setValues({});
      setStatus({ ok: true, text: v.backup ? `Saved into .env (the previous one is kept as ${v.backup}).` : 'Saved into .env.' });
    });
  };
  const use = async () => {
    if (!info) return;
    answer(await store.api.invoke('settings.update', { stackFiles: [info.composeFile], envFile: null, stackChosen: true }), (s) => {
      store.applySettings(s);
      setStatus({ ok: true, text: `Now using ${info.composeFile}. Press Start to build and start it.` });
    });
  };

  const ready = info !== null && info.envExists && stillMissing(info, {}).length === 0;
  return (
    <section className="card checkout" aria-label="Atom checkout" data-testid="checkout-panel">
      <h2 className="card-title">Open an Atom checkout</h2>
      <form className="row gap-sm" onSubmit={(e) => void open(e)}>
        <input
          className="mono grow"
          aria-label="Atom checkout folder"
          placeholder="/home/you/atom"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          data-testid="checkout-folder"
        />
        {desktop && (
          <button type="button" className="btn" onClick={() => void browse()} data-testid="checkout-browse">
            Browse…
          </button>
        )}
        <button type="submit" className="btn" disabled={!folder.trim()} data-testid="checkout-open">
          Open Atom folder…
        </button>
      </form>
      {info && (
        <div className="checkout-info" data-testid="checkout-info">
          <p className="small">
            Found <span className="mono">{info.composeFile}</span>.
          </p>
          {!info.envExists && info.template && (
            <div className="callout tone-warn small" data-testid="checkout-no-env">
              There is no .env yet. Atom ships .env.personal as its template.{' '}
              <button type="button" className="btn btn-sm" onClick={() => void createEnv()} data-testid="checkout-create-env">
                Create .env from .env.personal
              </button>
            </div>
          )}
          {!info.envExists && !info.template && <p className="muted small">There is no .env: saving creates one.</p>}
          {info.required.length > 0 && (
            <fieldset className="field" data-testid="checkout-required">
              <legend>Values the compose file requires</legend>
              {info.required.map((r) => (
                <div key={r.name} className="checkout-var" data-testid={`checkout-var-${r.name}`}>
                  <label className="field">
                    <span className="mono">
                      {r.name} <span className={r.set ? 'tone-ok' : 'tone-bad'}>{r.set ? 'set' : 'missing'}</span>
                    </span>
                    <span className="muted small">{r.message}</span>
                    <input
                      type="password"
                      autoComplete="off"
                      className="mono"
                      placeholder={r.set ? 'set (leave empty to keep)' : 'required'}
                      value={values[r.name] ?? ''}
                      onChange={(e) => setValues({ ...values, [r.name]: e.target.value })}
                      data-testid={`checkout-value-${r.name}`}
                    />
                  </label>
                  {r.secret && (
                    <button
                      type="button"
                      className="btn btn-sm"
                      onClick={() => setValues({ ...values, [r.name]: generateSecret() })}
                      data-testid={`checkout-generate-${r.name}`}
                    >
                      Generate
                    </button>
                  )}
                </div>
              ))}
            </fieldset>
          )}
          <div className="row gap-sm">
            <button type="button" className="btn" onClick={() => void save()} data-testid="checkout-save">
              Save into .env
            </button>
            <button type="button" className="btn btn-primary" disabled={!ready} onClick={() => void use()} data-testid="checkout-use">
              Use this checkout
            </button>
          </div>
        </div>
      )}
      {status && (
        <p className={`small ${status.ok ? 'tone-ok' : 'tone-bad'}`} role={status.ok ? 'status' : 'alert'} data-testid="checkout-status">
          {status.text}
        </p>
      )}
    </section>
  );
}
