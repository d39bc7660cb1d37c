/** Renders the provider's reference documentation (Markdown) from its `terraform providers schema -json` document. */

import { markdownCell } from './markdown-cell';
import { renderSnykBehaviours } from './snyk-behaviours-doc';

interface SchemaAttribute {
  type?: unknown;
  nested_type?: { attributes: Record<string, SchemaAttribute>; nesting_mode: string };
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
}

interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock }>;
  description?: string;
}

export interface ProviderSchemaDocument {
  provider_schemas: Record<
    string,
    {
      provider: { block: SchemaBlock };
      resource_schemas?: Record<string, { block: SchemaBlock }>;
      data_source_schemas?: Record<string, { block: SchemaBlock }>;
    }
  >;
}

function typeName(attribute: SchemaAttribute): string {
  if (attribute.nested_type) return 'object';
  const type = attribute.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return `${type[0]}(${typeof type[1] === 'string' ? type[1] : 'object'})`;
  return 'dynamic';
}

function flags(attribute: SchemaAttribute): string {
  const kind = attribute.required ? 'required' : attribute.optional && attribute.computed ? 'optional, computed' : attribute.optional ? 'optional' : 'computed';
  return [kind, attribute.sensitive ? '**sensitive**' : '', attribute.deprecated ? 'deprecated' : ''].filter(Boolean).join(', ');
}

function attributeRows(attributes: Record<string, SchemaAttribute>, prefix = ''): string[] {
  return Object.entries(attributes).flatMap(([name, attribute]) => [
    `| \`${prefix}${name}\` | ${typeName(attribute)} | ${flags(attribute)} | ${markdownCell(attribute.description)} |`,
    ...(attribute.nested_type ? attributeRows(attribute.nested_type.attributes, `${prefix}${name}.`) : []),
  ]);
}

/** A single nested block (`name { ... }`): one row for the block, then its arguments. */
function blockRows(blocks: SchemaBlock['block_types'], prefix = ''): string[] {
  return Object.entries(blocks ?? {}).flatMap(([name, { block }]) => [
    `| \`${prefix}${name}\` | block | optional | ${markdownCell(block.description)} Written as a block, \`${name} { ... }\`. |`,
    ...attributeRows(block.attributes ?? {}, `${prefix}${name}.`),
    ...blockRows(block.block_types, `${prefix}${name}.`),
  ]);
}

function section(heading: string, block: SchemaBlock): string[] {
  return [
    heading,
    '',
    ...(block.description ? [block.description, ''] : []),
    '| attribute | type | | description |',
    '|---|---|---|---|',
    ...attributeRows(block.attributes ?? {}),
    ...blockRows(block.block_types),
    '',
  ];
}

export function renderProviderDocs(document: ProviderSchemaDocument): string {
  const [address, schema] = Object.entries(document.provider_schemas)[0];
  const lines = [
    '# Provider reference: `cdktf-snyk/snyk`',
    '',
    `<!-- Generated from the provider's schema by \`npm run docs\`; a test fails when this file is out of date. -->`,
    '',
    `Source address \`${address}\`. Every resource and data source below is also available as a CDKTF construct.`,
    '',
    ...section('## Provider configuration', schema.provider.block),
    ...Object.entries(schema.resource_schemas ?? {}).flatMap(([name, resource]) => section(`## Resource \`${name}\``, resource.block)),
    ...Object.entries(schema.data_source_schemas ?? {}).flatMap(([name, source]) => section(`## Data source \`${name}\``, source.block)),
    ...renderSnykBehaviours(),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
