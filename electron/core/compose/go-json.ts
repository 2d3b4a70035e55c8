// JSON text exactly as Go's encoding/json Marshal writes it, for values whose objects
// are either structs (fields in a declared order) or maps (keys sorted bytewise). Compose
// v2 hashes a service as that text, so interop needs it to the byte.

/** A value's shape: a struct's fields in declaration order, a map's or a list's element shape, or a scalar. */
export type GoShape = { struct: readonly (readonly [string, GoShape | null])[] } | { map: GoShape | null } | { list: GoShape | null };

/** Go escapes <, > and & (HTML-safe by default), and the JavaScript line separators. */
const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

export const goString = (s: string): string => JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] as string);

/** Go sorts map keys by their bytes: UTF-8 order, which for these keys is code-unit order. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `value` marshalled as Go would with `shape`. A struct field missing from the value (or
 * undefined) is left out, as omitempty does; one that must print as null is given as null.
 * Fields the shape does not name are an error: a silent drop would hash something else.
 */
export function goMarshal(value: unknown, shape: GoShape | null, where = '$'): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const el = shape && 'list' in shape ? shape.list : null;
    return `[${value.map((v, i) => goMarshal(v, el, `${where}[${i}]`)).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  if (shape && 'struct' in shape) {
    const known = new Set(shape.struct.map(([k]) => k));
    const unknown = Object.keys(obj).find((k) => !known.has(k));
    if (unknown !== undefined) throw new Error(`${where}: no field '${unknown}' in its Go struct`);
    const parts = shape.struct
      .filter(([k]) => obj[k] !== undefined)
      .map(([k, s]) => `${goString(k)}:${goMarshal(obj[k], s, `${where}.${k}`)}`);
    return `{${parts.join(',')}}`;
  }
  const el = shape && 'map' in shape ? shape.map : null;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(byteOrder);
  return `{${keys.map((k) => `${goString(k)}:${goMarshal(obj[k], el, `${where}.${k}`)}`).join(',')}}`;
}
