import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderSchemaDocument, renderProviderDocs } from '../../src/cli/provider-docs';

const root = join(__dirname, '..', '..');

function currentSchema(): ProviderSchemaDocument {
  const output = execFileSync(process.execPath, [join(root, 'dist', 'terraform-provider-snyk.js'), 'schema-json'], { encoding: 'utf8' });
  return JSON.parse(output) as ProviderSchemaDocument;
}

test('docs/provider-reference.md matches the provider schema (regenerate with `npm run docs`)', () => {
  const committed = readFileSync(join(root, 'docs', 'provider-reference.md'), 'utf8');
  expect(committed).toBe(renderProviderDocs(currentSchema()));
});

test('the reference marks every token and credential attribute sensitive', () => {
  const docs = renderProviderDocs(currentSchema());
  for (const attribute of ['token', 'credentials', 'broker_token']) {
    const rows = docs.split('\n').filter((line) => line.startsWith(`| \`${attribute}\``));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('**sensitive**');
  }
});
