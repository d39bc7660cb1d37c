// Builds a standalone provider executable: Node's single-executable application (SEA) support, the provider bundle
// as its main script, injected with postject into a copy of the platform's Node binary.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { removeCodeSignature } from './macho.mjs';
import { SEA_FUSE } from './executable-format.mjs';

const SEA_RESOURCE = 'NODE_SEA_BLOB';

/** The bundle as SEA main script: a CommonJS script, without the `#!` line that only the file form needs. */
function seaMainScript(bundleSource) {
  return bundleSource.replace(/^#!.*\n/, '');
}

/**
 * Writes the SEA preparation blob with `hostNode` (the build machine's Node, the same version as the targets'): one
 * blob for every platform. Neither a code cache nor a startup snapshot is used, by measurement
 * (scripts/release/measure-launch.mjs, spawn to the first GetProviderSchema answered): the code cache covers only the
 * bundle's top-level wrapper (9 KB; V8 compiles the functions lazily anyway) and was not faster, and a user-land
 * snapshot cannot hold node:http2 or node:tls, while one that only pre-compiles the bundle broke its TLS server.
 */
export function writeSeaBlob({ hostNode, bundle, workDir }) {
  mkdirSync(workDir, { recursive: true });
  const main = join(workDir, 'main.js');
  const blob = join(workDir, 'sea-prep.blob');
  writeFileSync(main, seaMainScript(bundle.toString('utf8')));
  const config = join(workDir, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false }));
  execFileSync(hostNode, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  return readFileSync(blob);
}

/** Injects the blob into a copy of `nodeBinary` at `outFile` (unsigning a Mach-O first). */
export async function injectSeaBlob({ postjectDir, nodeBinary, format, blob, outFile }) {
  let image = readFileSync(nodeBinary);
  if (format === 'macho') image = removeCodeSignature(image);
  writeFileSync(outFile, image);
  chmodSync(outFile, 0o755);
  const warn = console.warn;
  // LIEF warns about ELF note names it does not know and about the PE signature the injection invalidates (both expected); postject binds console.warn on load.
  console.warn = (...args) => (/Can't find string offset|signature seems corrupted/.test(String(args[0])) ? undefined : warn(...args));
  try {
    const { inject } = createRequire(import.meta.url)(join(postjectDir, 'dist', 'api.js'));
    await inject(outFile, SEA_RESOURCE, blob, { sentinelFuse: SEA_FUSE, ...(format === 'macho' ? { machoSegmentName: 'NODE_SEA' } : {}) });
  } finally {
    console.warn = warn;
  }
}
