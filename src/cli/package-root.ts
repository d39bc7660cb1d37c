import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_NAME } from '../version';

/** Finds this package's root folder, whether the code runs from `src/`, `lib/` or the `dist/` bundle. */
export function findPackageRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ${PACKAGE_NAME} package folder above ${start}.`);
    dir = parent;
  }
}

/** The self-contained provider executable built by `npm run build` (or jest's global setup). */
export function providerBundlePath(): string {
  return join(findPackageRoot(), 'dist', 'terraform-provider-snyk.js');
}
