import { useState } from 'react';

export const MASK = '••••';

/** A config value: shown as is, or masked with a per-value reveal toggle when secret. */
export function SecretValue({ name, value, secret }: { name: string; value: string | null; secret: boolean }) {
  const [shown, setShown] = useState(false);
  if (value === null) return <span className="muted">(unset)</span>;
  if (!secret) return <span className="mono">{value}</span>;
  return (
    <span className="secret">
      <span className="mono" data-testid={`env-value-${name}`}>
        {shown ? value : MASK}
      </span>
      <button
        type="button"
        className="btn btn-xs btn-ghost"
        aria-pressed={shown}
        aria-label={`${shown ? 'Hide' : 'Reveal'} ${name}`}
        onClick={() => setShown(!shown)}
      >
        {shown ? 'Hide' : 'Reveal'}
      </button>
    </span>
  );
}
