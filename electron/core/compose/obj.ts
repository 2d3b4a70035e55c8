// A YAML mapping as the loader sees it, and the guard that tells one apart.
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
