// Which environment keys look secret: KEY, SECRET, TOKEN, PASSWORD or PASS as a
// word part (split on _ - . and camelCase), case-insensitive.
const SECRET_PARTS = new Set(['KEY', 'SECRET', 'TOKEN', 'PASSWORD', 'PASS']);

export function isSecretKey(key: string): boolean {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .some((part) => SECRET_PARTS.has(part.toUpperCase()));
}

/** The keys of `env` that look secret, sorted. */
export function secretKeys(env: Record<string, unknown>): string[] {
  return Object.keys(env).filter(isSecretKey).sort();
}
