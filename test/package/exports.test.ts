import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

// Resolves the package's public entry points by name, through the package name (Node resolves a package's own name inside it, as it would from a dependant).
function resolveExport(specifier: string): string {
  const script = `console.log(require.resolve(${JSON.stringify(specifier)}))`;
  return execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }).trim();
}

test.each([
  ['cdktf-snyk/client', 'lib/snyk/index.js'],
  ['cdktf-snyk/emulator', 'lib/emulator/index.js'],
])('%s resolves to %s', (specifier, target) => {
  expect(resolveExport(specifier)).toBe(join(root, target));
});
