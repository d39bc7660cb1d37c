import { ctyTypeJson } from '../plugin/cty-type';
import { ObjectNesting, Schema, SchemaAttribute, StringKind } from '../plugin/protocol';
import { AttributeMap } from './attributes';

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
  return Object.entries(attributes).map(([name, attribute]) => toProtocolAttribute(name, attribute));
}

/** The tfplugin6 Schema of a resource, data source or provider block. */
export function toProtocolSchema(attributes: AttributeMap, version: number, description?: string): Schema {
  return {
    version,
    block: {
      version,
      attributes: toProtocolAttributes(attributes),
      description: description ?? '',
      description_kind: StringKind.MARKDOWN,
    },
  };
}
