// The first-run choice: while the app runs the bundled demo stack only because nothing
// else was chosen, ask which stack this is for. The demo stays one click away; an Atom
// checkout opens right here (find the file, set up .env, use it).
import { useState } from 'react';
import { offerStackChoice } from '../../../shared/settings';
import { CheckoutPanel } from '../settings/CheckoutPanel';
import { useDashboard, useStoreInstance } from '../state/context';

export function StackChoice() {
  const store = useStoreInstance();
  const app = useDashboard((s) => s.app);
  const settings = useDashboard((s) => s.settings);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!app || !settings || !offerStackChoice(app, settings)) return null;

  const useBundled = async () => {
    const r = await store.api.invoke('settings.update', { stackChosen: true });
    if (r.ok) store.applySettings(r.value);
    else setError(r.error.message);
  };
  return (
    <section className="card stack-choice" aria-label="Choose a stack" data-testid="stack-choice">
      <h2 className="card-title">Which stack is this for?</h2>
      <p className="small">
        Atom Desktop is running its bundled demo stack (Valkey and a demo agent backend). If you have an Atom checkout, open it to manage
        its own <span className="mono">docker-compose-personal.yml</span> instead.
      </p>
      <div className="row gap-sm">
        <button type="button" className="btn btn-primary" onClick={() => setOpening(true)} data-testid="stack-choice-checkout">
          Open an Atom checkout…
        </button>
        <button type="button" className="btn" onClick={() => void useBundled()} data-testid="stack-choice-bundled">
          Use the bundled demo stack
        </button>
      </div>
      {error && (
        <p className="tone-bad small" role="alert">
          {error}
        </p>
      )}
      {opening && <CheckoutPanel />}
    </section>
  );
}
