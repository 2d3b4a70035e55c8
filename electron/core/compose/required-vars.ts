// The variables a compose file cannot do without: `${VAR:?message}` (unset or empty is
// an error) and `${VAR?message}` (unset is an error), with their messages, in order of
// first use. `$${...}` is an escaped dollar and is skipped.
export interface RequiredVariable {
  name: string;
  message: string;
  /** `:?`: an empty value counts as missing too. */
  emptyIsMissing: boolean;
}

const PATTERN = /\$(\$?)\{([_A-Za-z][_A-Za-z0-9]*)(:?)\?([^}]*)\}/g;

export function requiredVariables(text: string): RequiredVariable[] {
  const out = new Map<string, RequiredVariable>();
  for (const m of text.matchAll(PATTERN)) {
    if (m[1]) continue;
    const name = m[2]!;
    if (!out.has(name)) out.set(name, { name, message: m[4]!.trim(), emptyIsMissing: m[3] === ':' });
  }
  return [...out.values()];
}
