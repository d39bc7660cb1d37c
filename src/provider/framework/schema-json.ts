import { CtyType } from '../plugin/cty-type';
import { AnyAttribute, AttributeMap } from './attributes';
import { ProviderType } from './provider';

/** One attribute as `terraform providers schema -json` prints it. */
export interface AttributeSchemaJson {
  type?: CtyType;
  nested_type?: { attributes: Record<string, AttributeSchemaJson>; nesting_mode: 'single' };
  description?: string;
  description_kind: 'markdown' | 'plain';
  required?: true;
  optional?: true;
  computed?: true;
  sensitive?: true;
  deprecated?: true;
}

export interface BlockSchemaJson {
  attributes?: Record<string, AttributeSchemaJson>;
  block_types?: Record<string, NestedBlockSchemaJson>;
  description?: string;
  description_kind: 'markdown' | 'plain';
  deprecated?: true;
}

/** A nested block as `terraform providers schema -json` prints it. */
export interface NestedBlockSchemaJson {
  nesting_mode: 'single';
  block: BlockSchemaJson;
}

export interface SchemaJson {
  version: number;
  block: BlockSchemaJson;
}

export interface ProvidersSchemaJson {
  format_version: '1.0';
  provider_schemas: Record<string, { provider: SchemaJson; resource_schemas?: Record<string, SchemaJson>; data_source_schemas?: Record<string, SchemaJson> }>;
}

function attributeJson(attribute: AnyAttribute): AttributeSchemaJson {
  const result: AttributeSchemaJson = attribute.nested
    ? { nested_type: { attributes: attributesJson(attribute.nested), nesting_mode: 'single' }, description_kind: 'markdown' }
    : { type: attribute.ctyType, description_kind: 'markdown' };
  if (attribute.description) result.description = attribute.description;
  if (attribute.required) result.required = true;
  if (attribute.optional) result.optional = true;
  if (attribute.computed) result.computed = true;
  if (attribute.sensitive) result.sensitive = true;
  if (attribute.deprecationMessage !== undefined) result.deprecated = true;
  return result;
}

/** Sorted by name, as Terraform prints them. */
function attributesJson(attributes: AttributeMap): Record<string, AttributeSchemaJson> {
  return Object.fromEntries(
    sortedEntries(attributes)
      .filter(([, attribute]) => !attribute.block)
      .map(([name, attribute]) => [name, attributeJson(attribute)]),
  );
}

function blockJson(attributes: AttributeMap, description?: string, deprecated = false): BlockSchemaJson {
  const block: BlockSchemaJson = { description_kind: 'markdown' };
  const plain = attributesJson(attributes);
  if (Object.keys(plain).length > 0) block.attributes = plain;
  const nested = sortedEntries(attributes).filter(([, attribute]) => attribute.block);
  if (nested.length > 0) {
    block.block_types = Object.fromEntries(
      nested.map(([name, attribute]) => [
        name,
        { nesting_mode: 'single', block: blockJson(attribute.nested ?? {}, attribute.description, attribute.deprecationMessage !== undefined) },
      ]),
    );
  }
  if (description) block.description = description;
  if (deprecated) block.deprecated = true;
  return block;
}

function sortedEntries<T>(record: { readonly [key: string]: T }): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function schemaJson(attributes: AttributeMap, version: number, description?: string): SchemaJson {
  return { version, block: blockJson(attributes, description) };
}

/**
 * The provider's schema exactly as `terraform providers schema -json` prints it, without running Terraform: the
 * input of the CDKTF binding generator. `address` is the provider's full source address.
 */
export function providerSchemaJson<P>(provider: ProviderType<P>, address = `registry.terraform.io/cdktf-snyk/${provider.typeName}`): ProvidersSchemaJson {
  const { definition } = provider;
  const entry: ProvidersSchemaJson['provider_schemas'][string] = {
    provider: schemaJson(definition.attributes as AttributeMap, 0, definition.description),
  };
  if (definition.resources.length > 0) {
    entry.resource_schemas = Object.fromEntries(
      definition.resources.map(({ definition: resource }) => [
        resource.typeName,
        schemaJson(resource.attributes as AttributeMap, resource.version ?? 0, resource.description),
      ]),
    );
  }
  const dataSources = definition.dataSources ?? [];
  if (dataSources.length > 0) {
    entry.data_source_schemas = Object.fromEntries(
      dataSources.map(({ definition: dataSource }) => [dataSource.typeName, schemaJson(dataSource.attributes as AttributeMap, 0, dataSource.description)]),
    );
  }
  return { format_version: '1.0', provider_schemas: { [address]: entry } };
}
