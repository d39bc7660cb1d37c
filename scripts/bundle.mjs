// Bundles the provider executable and the CLI into self-contained single files under dist/.
// The provider must be one file: Terraform's lock file hashes the package directory, and code outside it would escape that hash.
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
};

await build({
  ...common,
  entryPoints: [join(root, 'src/provider/main.ts')],
  outfile: join(root, 'dist/terraform-provider-snyk.js'),
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync(join(root, 'dist/terraform-provider-snyk.js'), 0o755);

await build({
  ...common,
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(root, 'dist/cli.js'),
  // The CLI runs terraform and reads files; cdktf is never needed by it.
  external: ['cdktf', 'constructs'],
});
