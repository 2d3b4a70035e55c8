import { useState } from 'react';

export const MASK = '••••';

export type RevealFn = (key: string) => Promise<string | null>;

export interface EnvEntry {
  key: string;
  value: string | null;
  secret: boolean;
  set: boolean;
  empty: boolean;
}

/**
 * A config value: shown as is, or, when secret, masked with a per-value Reveal that
 * asks the core for that one value (config.get never carries secrets). An empty
 * secret says so instead of looking like a filled one.
 */
export function SecretValue({ entry, reveal }: { entry: EnvEntry; reveal: RevealFn }) {
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = entry.key;
  if (!entry.set) return <span className="muted">(unset)</span>;
  if (!entry.secret) return <span className="mono">{entry.value}</span>;
  if (entry.empty)
    return (
      <span className="muted" data-testid={`env-value-${name}`}>
        (empty)
      </span>
    );
  const toggle = async () => {
    if (shown !== null) return setShown(null);
    try {
      setShown((await reveal(name)) ?? '');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <span className="secret">
      <span className="mono" data-testid={`env-value-${name}`}>
        {shown ?? MASK}
      </span>
      <button
        type="button"
        className="btn btn-xs btn-ghost"
        aria-pressed={shown !== null}
        aria-label={`${shown !== null ? 'Hide' : 'Reveal'} ${name}`}
        onClick={() => void toggle()}
      >
        {shown !== null ? 'Hide' : 'Reveal'}
      </button>
      {error && <span className="small tone-bad">{error}</span>}
    </span>
  );
}
