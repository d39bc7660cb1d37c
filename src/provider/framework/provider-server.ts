import { CtyType } from '../plugin/cty-type';
import { coerceJsonValue } from '../plugin/json-state';
import { Logger } from '../plugin/logger';
import { decodeMsgpackValue, encodeMsgpackValue } from '../plugin/msgpack-codec';
import * as protocol from '../plugin/protocol';
import { isUnknown, Unknown } from '../plugin/unknown';
import { applyResource } from './apply';
import { toProtocolPath } from './attribute-path';
import { AttributeMap, objectType } from './attributes';
import { DataSourceDefinition } from './data-source';
import { diagnosticFromError, Diagnostics } from './diagnostics';
import { planResource } from './plan';
import { ProviderType } from './provider';
import { redactValue } from './redact';
import { ResourceDefinition } from './resource';
import { toProtocolSchema } from './schema';
import { upgradeState } from './upgrade';
import { validateConfiguration, ValidateConfigHook } from './validate';
import { containsUnknown, normalizeObject, ObjectValue } from './values';

type Resource<P> = ResourceDefinition<Record<string, unknown>, P>;
type DataSource<P> = DataSourceDefinition<Record<string, unknown>, P>;

interface Declared {
  readonly attributes: AttributeMap;
  readonly type: CtyType;
}

const SERVER_CAPABILITIES: protocol.ServerCapabilities = { plan_destroy: true, get_provider_schema_optional: true };

function declared(attributes: unknown): Declared {
  const map = attributes as AttributeMap;
  return { attributes: map, type: objectType(map) };
}

function decodeObject(value: protocol.DynamicValue | undefined, schema: Declared): ObjectValue | null {
  let decoded;
  if (value?.msgpack && value.msgpack.length > 0) decoded = decodeMsgpackValue(value.msgpack, schema.type);
  else if (value?.json && value.json.length > 0) decoded = coerceJsonValue(JSON.parse(Buffer.from(value.json).toString('utf8')), schema.type);
  else return null;
  if (isUnknown(decoded)) return Object.fromEntries(Object.keys(schema.attributes).map((name) => [name, Unknown]));
  return decoded as ObjectValue | null;
}

function encodeObject(value: ObjectValue | null, schema: Declared): protocol.DynamicValue {
  return { msgpack: encodeMsgpackValue(value, schema.type) };
}

function toProtocolDiagnostics(diagnostics: Diagnostics, attributes: AttributeMap): protocol.Diagnostic[] {
  return diagnostics.all.map((diagnostic) => ({
    severity: diagnostic.severity === 'error' ? protocol.Severity.ERROR : protocol.Severity.WARNING,
    summary: diagnostic.summary,
    detail: diagnostic.detail ?? '',
    ...(diagnostic.path.length > 0 ? { attribute: toProtocolPath(diagnostic.path, attributes) } : {}),
  }));
}

function errorResponse(summary: string, detail: string): protocol.Diagnostic[] {
  return [{ severity: protocol.Severity.ERROR, summary, detail }];
}

/**
 * Implements the plugin protocol for a declared provider. Calls for many resources arrive concurrently and are
 * served concurrently: nothing here serialises them.
 */
export function createProviderServer<P>(provider: ProviderType<P>, logger: Logger): protocol.ProviderRpcHandlers {
  const { definition } = provider;
  const providerSchema = declared(definition.attributes);
  const resources = new Map(definition.resources.map(({ definition: resource }) => [resource.typeName, { resource, schema: declared(resource.attributes) }]));
  const dataSources = new Map((definition.dataSources ?? []).map(({ definition: dataSource }) => [dataSource.typeName, { dataSource, schema: declared(dataSource.attributes) }]));
  let configured: P | undefined;
  let configuredOnce = false;

  const configuredProvider = (): P => {
    if (!configuredOnce || configured === undefined) throw new Error('The provider is not configured: ConfigureProvider has not succeeded.');
    return configured;
  };

  const withResource = async <R extends { diagnostics: protocol.Diagnostic[] }>(
    typeName: string,
    fallback: Partial<R>,
    run: (resource: Resource<P>, schema: Declared) => Promise<R>,
  ): Promise<R> => {
    const entry = resources.get(typeName);
    if (!entry) return { ...fallback, diagnostics: errorResponse('Unknown resource type', `This provider has no resource type ${typeName}.`) } as R;
    return run(entry.resource, entry.schema);
  };

  const validateConfig = async (
    config: ObjectValue | null,
    schema: Declared,
    hook: ValidateConfigHook | undefined,
    label: string,
  ): Promise<protocol.DiagnosticsResponse> => {
    const diagnostics = config === null ? new Diagnostics() : await validateConfiguration(config, schema.attributes, hook, label);
    return { diagnostics: toProtocolDiagnostics(diagnostics, schema.attributes) };
  };

  // Built on demand: a built provider answers GetProviderSchema from its precomputed bytes, so launches never ask.
  const schemaResponse = (): protocol.GetProviderSchemaResponse => ({
    provider: toProtocolSchema(providerSchema.attributes, 0, definition.description),
    resource_schemas: Object.fromEntries(
      [...resources.values()].map(({ resource, schema }) => [resource.typeName, toProtocolSchema(schema.attributes, resource.version ?? 0, resource.description)]),
    ),
    data_source_schemas: Object.fromEntries(
      [...dataSources.values()].map(({ dataSource, schema }) => [dataSource.typeName, toProtocolSchema(schema.attributes, 0, dataSource.description)]),
    ),
    diagnostics: [],
    server_capabilities: SERVER_CAPABILITIES,
  });

  return {
    async getMetadata() {
      return {
        server_capabilities: SERVER_CAPABILITIES,
        diagnostics: [],
        resources: [...resources.keys()].map((type_name) => ({ type_name })),
        data_sources: [...dataSources.keys()].map((type_name) => ({ type_name })),
      };
    },

    async getProviderSchema() {
      return schemaResponse();
    },

    async validateProviderConfig(request) {
      return validateConfig(decodeObject(request.config, providerSchema), providerSchema, definition.validateConfig?.bind(definition), 'the provider configuration');
    },

    async validateResourceConfig(request) {
      return withResource(request.type_name, {}, async (resource, schema) =>
        validateConfig(decodeObject(request.config, schema), schema, resource.validateConfig?.bind(resource), resource.typeName),
      );
    },

    async validateDataResourceConfig(request) {
      const entry = dataSources.get(request.type_name);
      if (!entry) return { diagnostics: errorResponse('Unknown data source', `This provider has no data source ${request.type_name}.`) };
      return validateConfig(decodeObject(request.config, entry.schema), entry.schema, entry.dataSource.validateConfig?.bind(entry.dataSource), entry.dataSource.typeName);
    },

    async upgradeResourceState(request) {
      return withResource(request.type_name, {}, async (resource, schema) => {
        const { state, diagnostics } = upgradeState(resource as Resource<unknown>, request.version, request.raw_state?.json, schema.type);
        return {
          ...(diagnostics.hasErrors ? {} : { upgraded_state: encodeObject(state, schema) }),
          diagnostics: toProtocolDiagnostics(diagnostics, schema.attributes),
        };
      });
    },

    async configureProvider(request) {
      const diagnostics = new Diagnostics();
      const config = decodeObject(request.config, providerSchema) ?? {};
      try {
        configured = await definition.configure({ config, terraformVersion: request.terraform_version, diagnostics });
        configuredOnce = true;
      } catch (error) {
        diagnostics.append([diagnosticFromError(error, 'Failed to configure the provider')]);
      }
      logger.debug('provider configured', { terraform_version: request.terraform_version, ok: !diagnostics.hasErrors });
      return { diagnostics: toProtocolDiagnostics(diagnostics, providerSchema.attributes) };
    },

    async readResource(request) {
      return withResource(request.type_name, {}, async (resource, schema) => {
        const current = decodeObject(request.current_state, schema);
        const diagnostics = new Diagnostics();
        let newState = current;
        if (current !== null) {
          try {
            const result = await resource.read({ state: current, provider: configuredProvider(), diagnostics });
            newState = result === null ? null : normalizeObject(result, schema.attributes);
          } catch (error) {
            diagnostics.append([diagnosticFromError(error, `Failed to read ${resource.typeName}`)]);
          }
        }
        if (logger.enabled('trace')) logger.trace('read resource', { type: resource.typeName, gone: newState === null, state: redactValue(newState, schema.attributes) });
        return { new_state: encodeObject(newState, schema), private: request.private, diagnostics: toProtocolDiagnostics(diagnostics, schema.attributes) };
      });
    },

    async planResourceChange(request) {
      return withResource<protocol.PlanResourceChangeResponse>(request.type_name, { requires_replace: [] }, async (resource, schema) => {
        const plan = await planResource(resource, {
          prior: decodeObject(request.prior_state, schema),
          proposed: decodeObject(request.proposed_new_state, schema),
          config: decodeObject(request.config, schema),
          provider: configuredOnce ? configured : undefined,
        });
        if (logger.enabled('trace')) logger.trace('planned resource', { type: resource.typeName, planned: redactValue(plan.planned, schema.attributes) });
        return {
          planned_state: encodeObject(plan.planned, schema),
          requires_replace: plan.requiresReplace.map((path) => toProtocolPath(path, schema.attributes)),
          planned_private: request.prior_private,
          diagnostics: toProtocolDiagnostics(plan.diagnostics, schema.attributes),
        };
      });
    },

    async applyResourceChange(request) {
      return withResource(request.type_name, {}, async (resource, schema) => {
        const result = await applyResource(resource, {
          prior: decodeObject(request.prior_state, schema),
          planned: decodeObject(request.planned_state, schema),
          config: decodeObject(request.config, schema),
          provider: configuredProvider,
        });
        if (logger.enabled('trace')) logger.trace('applied resource', { type: resource.typeName, state: redactValue(result.newState, schema.attributes) });
        return {
          new_state: encodeObject(result.newState, schema),
          private: request.planned_private,
          diagnostics: toProtocolDiagnostics(result.diagnostics, schema.attributes),
        };
      });
    },

    async importResourceState(request) {
      return withResource<protocol.ImportResourceStateResponse>(request.type_name, { imported_resources: [] }, async (resource, schema) => {
        const diagnostics = new Diagnostics();
        if (!resource.importState) {
          diagnostics.addError([], 'Import not supported', `${resource.typeName} cannot be imported.`);
          return { imported_resources: [], diagnostics: toProtocolDiagnostics(diagnostics, schema.attributes) };
        }
        try {
          const imported = normalizeObject(await resource.importState({ id: request.id, provider: configuredProvider(), diagnostics }), schema.attributes);
          if (containsUnknown(imported)) throw new Error('importState returned unknown values');
          return {
            imported_resources: diagnostics.hasErrors ? [] : [{ type_name: resource.typeName, state: encodeObject(imported, schema) }],
            diagnostics: toProtocolDiagnostics(diagnostics, schema.attributes),
          };
        } catch (error) {
          diagnostics.append([diagnosticFromError(error, `Failed to import ${resource.typeName}`)]);
          return { imported_resources: [], diagnostics: toProtocolDiagnostics(diagnostics, schema.attributes) };
        }
      });
    },

    async moveResourceState(request) {
      return {
        diagnostics: errorResponse('Moving resources is not supported', `${request.target_type_name} cannot be moved from ${request.source_type_name}.`),
      };
    },

    async readDataSource(request) {
      const entry = dataSources.get(request.type_name);
      if (!entry) return { diagnostics: errorResponse('Unknown data source', `This provider has no data source ${request.type_name}.`) };
      const { dataSource, schema } = entry;
      const diagnostics = new Diagnostics();
      const config = decodeObject(request.config, schema) ?? {};
      try {
        const result = normalizeObject(await dataSource.read({ config, provider: configuredProvider(), diagnostics }), schema.attributes);
        if (containsUnknown(result)) throw new Error('the data source returned unknown values');
        return { state: encodeObject(result, schema), diagnostics: toProtocolDiagnostics(diagnostics, schema.attributes) };
      } catch (error) {
        diagnostics.append([diagnosticFromError(error, `Failed to read data source ${dataSource.typeName}`)]);
        return { diagnostics: toProtocolDiagnostics(diagnostics, schema.attributes) };
      }
    },

    async stopProvider() {
      logger.debug('stop requested');
      return { Error: '' };
    },
  };
}

export type { DataSource as ErasedDataSource, Resource as ErasedResource };
