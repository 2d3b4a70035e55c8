// After interpolation every substituted value is a string; like compose-go, turn the
// strings back into booleans where the schema accepts nothing else
// (e.g. `required: ${OPTIONAL:-false}` under depends_on).
import { isObj, type Obj } from './obj';

// Go's strconv.ParseBool spellings.
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

const toBool = (v: unknown): unknown => (typeof v !== 'string' ? v : TRUE.has(v) ? true : FALSE.has(v) ? false : v);

/** Returns a copy with the boolean-only fields cast. */
export function castInterpolated(data: Obj): Obj {
  if (!isObj(data.services)) return data;
  const services: Obj = {};
  for (const [name, raw] of Object.entries(data.services)) {
    if (!isObj(raw)) {
      services[name] = raw;
      continue;
    }
    const svc: Obj = { ...raw };
    if (svc.use_api_socket !== undefined) svc.use_api_socket = toBool(svc.use_api_socket);
    if (isObj(svc.depends_on)) {
      svc.depends_on = Object.fromEntries(
        Object.entries(svc.depends_on).map(([dep, d]) => [
          dep,
          isObj(d) && d.required !== undefined ? { ...d, required: toBool(d.required) } : d,
        ]),
      );
    }
    services[name] = svc;
  }
  return { ...data, services };
}
