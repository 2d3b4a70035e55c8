// The compose-spec validator. From the sources it is compiled with ajv at first use
// (~250 ms). The bundles (scripts/build-cli.mjs, scripts/build-electron.mjs) replace this
// whole module with ajv's standalone code for the same schema and options, so they load
// neither ajv nor the schema at start. Nothing else may import ajv or the schema.
import { Ajv, type ValidateFunction } from 'ajv';
import schema from './compose-spec.schema.json';

/** The options the schema is compiled with; the bundlers' standalone copy uses the same. */
export const AJV_OPTIONS = { allErrors: true, strict: false, validateSchema: false } as const;

let compiled: ValidateFunction | null = null;

export function composeValidator(): ValidateFunction {
  if (compiled) return compiled;
  // Without $schema: ajv would try to fetch the meta-schema.
  const { $schema: _ignored, ...body } = schema as Record<string, unknown>;
  compiled = new Ajv(AJV_OPTIONS).compile(body);
  return compiled;
}
