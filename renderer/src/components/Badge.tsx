import type { Tone } from '../services/state-badge';

/** A status pill: a coloured dot plus the text, so colour is never the only cue. */
export function Badge({ label, tone, testId }: { label: string; tone: Tone; testId?: string }) {
  return (
    <span className={`badge tone-${tone}`} data-testid={testId} data-tone={tone}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
