// Fetches an exact package version from the npm registry with `npm pack` (no install, no platform checks: the
// Windows and macOS Node packages are fetched on Linux too) and unpacks it into a cache folder, once.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The unpacked package folder (`CACHE/NAME-VERSION/`), fetched on first use. */
export function fetchPackage(name, version, cacheDir) {
  const target = join(cacheDir, `${name}-${version}`);
  if (existsSync(join(target, 'package.json'))) return target;
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, `${name}-${version}.tgz`);
  if (!existsSync(tarball)) {
    process.stdout.write(`fetching ${name}@${version} from the npm registry\n`);
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', cacheDir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const unpacking = `${target}.partial`;
  rmSync(unpacking, { recursive: true, force: true });
  mkdirSync(unpacking, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', unpacking, '--strip-components=1']);
  renameSync(unpacking, target);
  rmSync(tarball, { force: true });
  return target;
}
