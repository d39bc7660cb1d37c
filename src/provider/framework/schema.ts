import { ctyTypeJson } from '../plugin/cty-type';
import { ObjectNesting, Schema, SchemaAttribute, SchemaBlock, SchemaNestedBlock, StringKind } from '../plugin/protocol';
import { AnyAttribute, AttributeMap } from './attributes';

function toProtocolAttribute(name: string, attribute: AttributeMap[string]): SchemaAttribute {
  const common = {
    name,
    description: attribute.description ?? '',
    description_kind: StringKind.MARKDOWN,
    required: attribute.required,
    optional: attribute.optional,
    computed: attribute.computed,
    sensitive: attribute.sensitive,
    deprecated: attribute.deprecationMessage !== undefined,
  };
  if (attribute.nested) {
    return { ...common, nested_type: { attributes: toProtocolAttributes(attribute.nested), nesting: ObjectNesting.SINGLE } };
  }
  return { ...common, type: ctyTypeJson(attribute.ctyType) };
}

function toProtocolAttributes(attributes: AttributeMap): SchemaAttribute[] {
  return Object.entries(attributes)
    .filter(([, attribute]) => !attribute.block)
    .map(([name, attribute]) => toProtocolAttribute(name, attribute));
}

function toProtocolNestedBlock(name: string, attribute: AnyAttribute): SchemaNestedBlock {
  return {
    type_name: name,
    block: toProtocolBlock(attribute.nested ?? {}, 0, attribute.description, attribute.deprecationMessage !== undefined),
    nesting: ObjectNesting.SINGLE,
  };
}

function toProtocolBlock(attributes: AttributeMap, version: number, description: string | undefined, deprecated = false): SchemaBlock {
  const blockTypes = Object.entries(attributes).filter(([, attribute]) => attribute.block);
  return {
    version,
    attributes: toProtocolAttributes(attributes),
    ...(blockTypes.length > 0 ? { block_types: blockTypes.map(([name, attribute]) => toProtocolNestedBlock(name, attribute)) } : {}),
    description: description ?? '',
    description_kind: StringKind.MARKDOWN,
    deprecated,
  };
}

/** The tfplugin6 Schema of a resource, data source or provider block. */
export function toProtocolSchema(attributes: AttributeMap, version: number, description?: string): Schema {
  return { version, block: toProtocolBlock(attributes, version, description) };
}
