// The two ways the provider is launched, each with the Node.js it runs on (the floor is `node -e 0` of that Node):
// - bundle: dist/terraform-provider-snyk.js on the system Node (what npm users and darwin_arm64 get);
// - standalone: the single-executable build (Node 22 embedded), made here exactly as `npm run release` makes it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchPackage } from '../release/npm-packages.mjs';
import { NODE_VERSION, POSTJECT, defaultCacheDir, hostPlatformName, platformByName } from '../release/platforms.mjs';
import { injectSeaBlob, writeSeaBlob } from '../release/sea.mjs';

export const LAUNCH_TARGET_IDS = ['bundle', 'standalone'];

/**
 * @typedef {object} LaunchTarget
 * @property {string} id
 * @property {string} label shown in the tables, with the Node version
 * @property {string} node the Node binary whose `node -e 0` is the floor
 * @property {string} command the provider executable (for terraform's mirror: a file it can run)
 * @property {string[]} args arguments before which nothing else is needed (the bundle needs `node FILE`)
 * @property {string} executable the file to install into terraform's plugin mirror
 */

/** Builds (when needed) the targets in `ids`; `dispose` removes what was built. */
export async function prepareLaunchTargets({ root, bundlePath, ids }) {
  const workDir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-bench-launch-'));
  const targets = [];
  for (const id of ids) {
    if (id === 'bundle') {
      targets.push({ id, label: `bundle on Node ${process.version}`, node: process.execPath, command: process.execPath, args: [bundlePath], executable: bundlePath });
    } else {
      targets.push(await standaloneTarget({ root, bundlePath, workDir }));
    }
  }
  return { targets, dispose: () => rmSync(workDir, { recursive: true, force: true }) };
}

async function standaloneTarget({ root, bundlePath, workDir }) {
  const host = platformByName(hostPlatformName());
  if (host.kind !== 'standalone') throw new Error(`No standalone executable is built for ${host.name}; run the benchmark with --targets bundle.`);
  const cacheDir = defaultCacheDir(root);
  const node = join(fetchPackage(host.nodePackage, NODE_VERSION, cacheDir), host.nodeBinary);
  const postjectDir = fetchPackage(POSTJECT.name, POSTJECT.version, cacheDir);
  const blob = writeSeaBlob({ hostNode: node, bundle: readFileSync(bundlePath), workDir: join(workDir, 'blob') });
  const executable = join(workDir, 'terraform-provider-snyk');
  await injectSeaBlob({ postjectDir, nodeBinary: node, format: host.format, blob, outFile: executable });
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  return { id: 'standalone', label: `standalone (Node ${version} embedded)`, node, command: executable, args: [], executable };
}
