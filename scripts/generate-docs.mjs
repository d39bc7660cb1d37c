// Regenerates docs/provider-reference.md from the bundled provider's schema (run `npm run build` first).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { renderProviderDocs } = require(join(root, 'lib/cli/provider-docs.js'));
const schema = JSON.parse(execFileSync(process.execPath, [join(root, 'dist/terraform-provider-snyk.js'), 'schema-json'], { encoding: 'utf8' }));
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs/provider-reference.md'), renderProviderDocs(schema));
console.log('wrote docs/provider-reference.md');
