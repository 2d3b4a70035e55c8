// esbuild plugins the core's bundles share: they keep code a command does not need out
// of what every start compiles.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMPOSE = join(ROOT, 'electron/core/compose');

/** The compose-spec validator as ajv standalone code: same schema and AJV_OPTIONS as schema-validator.ts. */
function standaloneValidator() {
  const schema = JSON.parse(readFileSync(join(COMPOSE, 'compose-spec.schema.json'), 'utf8'));
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  return `${code}\nexport function composeValidator() { return validate; }\n`;
}

/** Replaces schema-validator.ts (ajv and the schema, compiled at first use) with the generated code. */
export const precompiledValidator = {
  name: 'precompiled-validator',
  setup(b) {
    let code;
    b.onLoad({ filter: /compose[\\/]schema-validator\.ts$/ }, () => ({
      contents: (code ??= standaloneValidator()),
      loader: 'js',
      resolveDir: COMPOSE,
    }));
  },
};

/**
 * dockerode loads its BuildKit session (gRPC and protobufjs, half the engine code by
 * size) when it is required, though only a BuildKit build calls it, and docker-modem
 * loads ssh2 though only an ssh:// engine uses it. Both are loaded from node_modules on
 * first call instead, so a command that talks to a local engine never compiles them.
 */
export const lazyEngineTransports = {
  name: 'lazy-engine-transports',
  setup(b) {
    const lazy = { './session': /dockerode[\\/]lib[\\/]docker\.js$/, './ssh': /docker-modem[\\/]lib[\\/]modem\.js$/ };
    b.onResolve({ filter: /^\.\/(session|ssh)$/ }, (args) =>
      lazy[args.path].test(args.importer)
        ? { path: args.path === './session' ? 'dockerode/lib/session' : 'docker-modem/lib/ssh', namespace: 'lazy' }
        : undefined,
    );
    // Required inside the function that builds with BuildKit: external is lazy enough.
    b.onResolve({ filter: /^\.\/buildkit$/ }, (args) =>
      /dockerode[\\/]lib[\\/]docker\.js$/.test(args.importer) ? { path: 'dockerode/lib/buildkit', external: true } : undefined,
    );
    // Both modules export one function. The name is computed so the bundler leaves the
    // require to run time (the CLI bundle's banner gives it a require from node_modules).
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `const id = ${JSON.stringify(args.path.split('/'))}.join('/');\nmodule.exports = function () { return require(id).apply(this, arguments); };\n`,
      loader: 'js',
    }));
  },
};
