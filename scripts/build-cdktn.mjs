// Builds the CDK Terrain flavour of the constructs, `cdktf-snyk/cdktn` (lib/cdktn/), from the compiled lib/: the same
// code, with src/constructs/core.ts (the one module that names the core library) importing `cdktn` instead of
// `cdktf`. Only the modules that reach the core library are copied (lib/index, lib/constructs, lib/generated);
// their relative imports of anything else point back to the one copy in lib/, so the two flavours share it.
// Run after tsc (npm run build does).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The modules copied: the package's entry and every folder whose code imports the core library. */
const COPIED = ['index.js', 'index.d.ts', 'constructs', 'generated'];
const CORE_MODULE = join('constructs', 'core');
const FROM_CORE = /(["'])cdktf\1/g;

function filesUnder(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

const isCopied = (libPath) => COPIED.some((entry) => libPath === entry.replace(/\.(js|d\.ts)$/, '') || libPath.startsWith(`${entry}/`));

/** Rewrites one relative specifier of `libFile` (a path under lib/) for the copy under lib/cdktn/. */
function rewriteSpecifier(specifier, libFile, { lib, target }) {
  if (!specifier.startsWith('.')) return specifier;
  const resolved = relative(lib, resolve(lib, dirname(libFile), specifier)).split('\\').join('/');
  if (isCopied(resolved)) return specifier;
  const fromCopy = relative(dirname(join(target, libFile)), join(lib, resolved)).split('\\').join('/');
  return fromCopy.startsWith('.') ? fromCopy : `./${fromCopy}`;
}

function rewrite(text, libFile, dirs) {
  const rewritten = text
    .replace(/(require\(|from |import\()(["'])([^"']+)\2/g, (_match, keyword, quote, specifier) => `${keyword}${quote}${rewriteSpecifier(specifier, libFile, dirs)}${quote}`)
    .replace(/^\/\/# sourceMappingURL=.*$/m, '');
  return libFile.replace(/\.(js|d\.ts)$/, '') === CORE_MODULE ? rewritten.replace(FROM_CORE, '$1cdktn$1') : rewritten;
}

/** Writes `target` (default LIB/cdktn) from the compiled `lib`; returns the number of files written. */
export function buildCdktnFlavour({ lib = join(root, 'lib'), target = join(lib, 'cdktn') } = {}) {
  rmSync(target, { recursive: true, force: true });
  let written = 0;
  for (const entry of COPIED) {
    for (const file of filesUnder(join(lib, entry)).filter((path) => /\.(js|d\.ts)$/.test(path))) {
      const libFile = relative(lib, file).split('\\').join('/');
      const text = rewrite(readFileSync(file, 'utf8'), libFile, { lib, target });
      mkdirSync(dirname(join(target, libFile)), { recursive: true });
      writeFileSync(join(target, libFile), text);
      written += 1;
    }
  }
  const core = readFileSync(join(target, `${CORE_MODULE}.js`), 'utf8');
  if (!core.includes('"cdktn"') || core.includes('"cdktf"')) throw new Error(`${CORE_MODULE}.js does not import cdktn after the rewrite: check src/constructs/core.ts`);
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = buildCdktnFlavour();
  console.log(`lib/cdktn: ${written} files (the constructs for CDK Terrain)`);
}
