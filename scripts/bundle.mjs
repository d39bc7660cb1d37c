// Bundles the provider executable and the CLI into self-contained single files under dist/.
// The provider must be one file: Terraform's lock file hashes the package directory, and code outside it would escape that hash.
//
// Terraform launches the provider several times per command and waits for its handshake line each time, so the
// provider file is built in two parts. The launch part holds what runs before the handshake. Everything the source
// reaches only through a dynamic `import()` (the resources, the Snyk client and axios, the protobuf message types)
// is bundled separately into a "lazy chunk", embedded in the launch part as a string and compiled on first use:
// V8 then scans one string literal at launch instead of pre-parsing ~450 KB of functions (about 15 ms per launch).
// Modules that both parts use are not copied into the lazy chunk: it asks the launch part for them, so classes,
// symbols and caches stay single instances (`instanceof` across the two parts keeps working).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist'), { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

const SHARED_PREFIX = 'launch-part:';
const CODE_CACHE_MODULE = 'src/provider/plugin/code-cache.ts';

/**
 * Dependencies made lighter in the provider bundle, where every ms of loading is paid at each of Terraform's launches.
 * - axios, when it loads, builds its fetch adapter and looks for a global FormData: in Node both make it load undici
 *   (about 20 ms). The provider sends JSON through axios' http adapter, which axios picks first in Node, so here the
 *   fetch adapter reports itself unavailable and axios knows FormData objects by their tag alone.
 * - axios' Node FormData class is the `form-data` package, which parses the whole MIME database when it loads; the
 *   provider never sends a form, so here it is a class that says so.
 * - protobufjs uses long.js for 64-bit integers when it finds it (long.js instantiates a WebAssembly module when it
 *   loads); without it protobufjs reads them as numbers, which is what the provider asks for (`longs: Number`).
 * An edit of a file's text must find that text, so that an update of the dependency cannot skip it silently.
 */
const NO_FORMS = "export default class FormData { constructor() { throw new Error('terraform-provider-snyk sends no forms'); } }\n";
const LIGHTER_DEPENDENCIES = [
  { file: /[\\/]axios[\\/]lib[\\/]adapters[\\/]fetch\.js$/, replace: () => 'export const getFetch = () => false;\nexport default false;\n' },
  { file: /[\\/]axios[\\/]lib[\\/]env[\\/]classes[\\/]FormData\.js$/, replace: () => NO_FORMS },
  { file: /[\\/]axios[\\/]lib[\\/]platform[\\/]node[\\/]classes[\\/]FormData\.js$/, replace: () => NO_FORMS },
  { file: /[\\/]axios[\\/]lib[\\/]utils\.js$/, find: "typeof G.FormData !== 'undefined' ? G.FormData : undefined", replace: (text, find) => text.replace(find, 'undefined') },
  { file: /[\\/]node_modules[\\/]long[\\/]umd[\\/]index\.js$/, replace: () => 'module.exports = null;\n' },
];
const lighterDependencies = {
  name: 'lighter-dependencies',
  setup(pluginBuild) {
    for (const { file, find, replace } of LIGHTER_DEPENDENCIES) {
      pluginBuild.onLoad({ filter: file }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (find && !text.includes(find)) throw new Error(`${args.path} no longer contains "${find}": update LIGHTER_DEPENDENCIES in scripts/bundle.mjs`);
        return { contents: replace(text, find), loader: 'js', resolveDir: dirname(args.path) };
      });
    }
  },
};

const keyOf = (absolutePath) => relative(root, absolutePath).split('\\').join('/');

/**
 * The launch part. Dynamic imports become stubs that load the module from the lazy chunk; `lazyChunk` is the chunk's
 * source and `sharedKeys` the launch modules it asks for (both empty in the first pass, which only finds the inputs).
 */
async function buildLaunchPart({ entry, outfile, lazyChunk, sharedKeys, write, replacements }) {
  const lazyKeys = new Set();
  const plugin = {
    name: 'lazy-chunk-stubs',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData?.inner) return undefined;
        // `import('node:http2')` would start Node's ES module loader (tens of ms); a require does the same job here.
        if (isBuiltin(args.path)) return { path: args.path, namespace: 'builtin-require' };
        const resolved = await pluginBuild.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { inner: true } });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        lazyKeys.add(keyOf(resolved.path));
        return { path: keyOf(resolved.path), namespace: 'lazy-stub' };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      pluginBuild.onResolve({ filter: /^lazy-chunk:loader$/ }, () => ({ path: 'loader', namespace: 'lazy-chunk' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-stub' }, (args) => ({
        contents: `module.exports = require('lazy-chunk:loader')(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
      pluginBuild.onLoad({ filter: /^loader$/, namespace: 'lazy-chunk' }, () => ({ contents: lazyChunkLoader(lazyChunk, sharedKeys), loader: 'js', resolveDir: root }));
    },
  };
  const result = await build({ ...common, entryPoints: [entry], outfile, banner: { js: '#!/usr/bin/env node' }, plugins: [plugin, lighterDependencies, replaceModules(replacements)], metafile: true, write });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(':'));
  return { inputs: new Set(inputs.map((input) => keyOf(resolvePath(root, input)))), lazyKeys: [...lazyKeys].sort() };
}

/**
 * The launch part's loader: compiles the chunk once (through V8's code cache, see src/provider/plugin/code-cache.ts),
 * with a `require` that serves shared modules from the launch part.
 */
function lazyChunkLoader(lazyChunk, sharedKeys) {
  const shared = sharedKeys.map((key) => `${JSON.stringify(key)}: () => require(${JSON.stringify(`./${key}`)})`).join(',\n');
  const sourceKey = createHash('sha256').update(lazyChunk).digest('hex').slice(0, 16);
  return `
const { compileWithCodeCache } = require(${JSON.stringify(`./${CODE_CACHE_MODULE}`)});
const shared = {${shared}};
const source = ${JSON.stringify(lazyChunk)};
let chunk;
function chunkRequire(id) {
  return id.startsWith(${JSON.stringify(SHARED_PREFIX)}) ? shared[id.slice(${SHARED_PREFIX.length})]() : require(id);
}
module.exports = (key) => {
  if (!chunk) {
    const chunkModule = { exports: {} };
    const compiled = compileWithCodeCache({ source, sourceKey: ${JSON.stringify(sourceKey)}, filename: __filename + '#lazy-chunk' });
    compiled.run(chunkModule.exports, chunkRequire, chunkModule, __filename, __dirname);
    chunk = chunkModule.exports;
  }
  return chunk[key]();
};
`;
}

/** The lazy chunk: the dynamically imported modules, asking the launch part for any module it already holds. */
async function buildLazyChunk(lazyKeys, launchInputs) {
  const sharedKeys = new Set();
  const plugin = {
    name: 'lazy-chunk-shared',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^lazy-chunk:entry$/ }, () => ({ path: 'entry', namespace: 'lazy-chunk' }));
      pluginBuild.onLoad({ filter: /^entry$/, namespace: 'lazy-chunk' }, () => ({
        contents: `module.exports = {${lazyKeys.map((key) => `${JSON.stringify(key)}: () => require(${JSON.stringify(`./${key}`)})`).join(',\n')}};`,
        loader: 'js',
        resolveDir: root,
      }));
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.inner || args.kind === 'entry-point' || args.namespace !== 'file') return undefined;
        const resolved = await pluginBuild.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { inner: true } });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        const key = keyOf(resolved.path);
        if (!launchInputs.has(key)) return undefined;
        sharedKeys.add(key);
        return { path: `${SHARED_PREFIX}${key}`, external: true };
      });
    },
  };
  const result = await build({ ...common, entryPoints: ['lazy-chunk:entry'], plugins: [plugin, lighterDependencies], write: false, outfile: 'lazy-chunk.js' });
  return { source: result.outputFiles[0].text, sharedKeys: [...sharedKeys].sort() };
}

/** Gives the launch modules named in `replacements` (project-relative path -> source) other contents. */
function replaceModules(replacements = {}) {
  return {
    name: 'replace-modules',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /.*/ }, (args) => {
        const key = keyOf(args.path);
        return Object.hasOwn(replacements, key) ? { contents: replacements[key], loader: 'ts', resolveDir: dirname(args.path) } : undefined;
      });
    },
  };
}

/**
 * Builds a single-file executable whose dynamically imported code is compiled only when first imported, and returns
 * the function that writes it. Its `replacements` (project-relative path -> source) give launch modules other
 * contents, such as build-time constants: they must import nothing new, since the lazy chunk is built only once.
 */
export async function bundleWithLazyChunk(entry, outfile) {
  const firstPass = await buildLaunchPart({ entry, outfile, lazyChunk: '', sharedKeys: [], write: false });
  const lazy = await buildLazyChunk(firstPass.lazyKeys, firstPass.inputs);
  return async (replacements = {}) => {
    await buildLaunchPart({ entry, outfile, lazyChunk: lazy.source, sharedKeys: lazy.sharedKeys, write: true, replacements });
    chmodSync(outfile, 0o755);
  };
}

const PRECOMPUTED_RESPONSES_MODULE = 'src/provider/precomputed-responses.ts';

/**
 * The provider: built once, asked for the answers that never change (its schema...), then built again with them
 * embedded, so that Terraform's launches that only need them load no provider code.
 */
async function bundleProvider(entry, outfile) {
  const writeProvider = await bundleWithLazyChunk(entry, outfile);
  await writeProvider();
  const responses = JSON.parse(execFileSync(process.execPath, [outfile, 'precompute-responses'], { encoding: 'utf8', env: { ...process.env, TF_PROVIDER_SNYK_CODE_CACHE: 'off' } }));
  const source = `export const PRECOMPUTED_RESPONSES: Readonly<Record<string, string>> = ${JSON.stringify(responses)};\n`;
  await writeProvider({ [PRECOMPUTED_RESPONSES_MODULE]: source });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleProvider(join(root, 'src/provider/main.ts'), join(root, 'dist/terraform-provider-snyk.js'));
  await build({
    ...common,
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: join(root, 'dist/cli.js'),
    // The CLI runs terraform and reads files; cdktf is never needed by it.
    external: ['cdktf', 'constructs'],
  });
}
