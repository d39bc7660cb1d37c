import * as grpc from '@grpc/grpc-js';
import { Root, Service, Type } from 'protobufjs/light';
import descriptor from './tfplugin6.json';
import { Logger } from './logger';
import { ProviderRpcHandlers, Severity } from './protocol';

/** How decoded messages look: field names as in the .proto, int64 as numbers, enums as numbers, defaults filled in. */
const CONVERSION = { longs: Number, enums: Number, defaults: true, arrays: true, objects: true, oneofs: true } as const;

interface ServiceDefinitions {
  provider: grpc.ServiceDefinition;
  controller: grpc.ServiceDefinition;
}

/**
 * The service definitions from the precompiled JSON descriptor (see scripts/compile-proto.mjs), built directly with
 * protobufjs' light build: no .proto text is parsed at run time, and unlike @grpc/proto-loader's fromJSON it does
 * not build reflection descriptors for every message, which cost about 50 ms of every launch.
 */
export function loadServiceDefinitions(): ServiceDefinitions {
  // The JSON's inferred literal type is narrower than protobufjs' INamespace; its shape comes from protobufjs' toJSON.
  const root = Root.fromJSON(descriptor as unknown as Parameters<typeof Root.fromJSON>[0]);
  return {
    provider: serviceDefinition(root.lookupService('tfplugin6.Provider'), 'tfplugin6.Provider'),
    controller: serviceDefinition(root.lookupService('plugin.GRPCController'), 'plugin.GRPCController'),
  };
}

function serviceDefinition(service: Service, fullName: string): grpc.ServiceDefinition {
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const requestType = method.resolvedRequestType as Type;
    const responseType = method.resolvedResponseType as Type;
    definition[method.name] = {
      path: `/${fullName}/${method.name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: serializer(requestType),
      requestDeserialize: deserializer(requestType),
      responseSerialize: serializer(responseType),
      responseDeserialize: deserializer(responseType),
    };
  }
  return definition as grpc.ServiceDefinition;
}

const serializer = (type: Type) => (value: unknown) => Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());
const deserializer = (type: Type) => (bytes: Buffer) => type.toObject(type.decode(bytes), CONVERSION);

type Handler = (request: never) => Promise<unknown>;

/** Adapts promise-returning handlers to grpc-js unary callbacks; a rejected handler becomes an INTERNAL status. */
function unary(name: string, logger: Logger, handler: Handler): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    logger.trace('rpc started', { rpc: name });
    handler(call.request as never).then(
      (response) => {
        logger.trace('rpc finished', { rpc: name });
        callback(null, response);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        logger.error('rpc failed', { rpc: name, error: message });
        callback({ code: grpc.status.INTERNAL, details: `${name}: ${message}` });
      },
    );
  };
}

const notSupported = (what: string) => ({
  diagnostics: [{ severity: Severity.ERROR, summary: `${what} are not supported`, detail: `This provider offers no ${what.toLowerCase()}.` }],
});

/**
 * The tfplugin6.Provider implementation: every RPC waits for the handlers (loaded after the handshake so that
 * heavy provider code does not delay it); RPCs for features the provider does not offer answer safely here.
 */
export function providerImplementation(handlers: Promise<ProviderRpcHandlers>, logger: Logger): grpc.UntypedServiceImplementation {
  const call =
    <K extends keyof ProviderRpcHandlers>(method: K) =>
    async (request: Parameters<ProviderRpcHandlers[K]>[0]) =>
      ((await handlers)[method] as (request: unknown) => Promise<unknown>)(request);
  const implementations: Record<string, Handler> = {
    GetMetadata: call('getMetadata'),
    GetProviderSchema: call('getProviderSchema'),
    ValidateProviderConfig: call('validateProviderConfig'),
    ValidateResourceConfig: call('validateResourceConfig'),
    ValidateDataResourceConfig: call('validateDataResourceConfig'),
    UpgradeResourceState: call('upgradeResourceState'),
    ConfigureProvider: call('configureProvider'),
    ReadResource: call('readResource'),
    PlanResourceChange: call('planResourceChange'),
    ApplyResourceChange: call('applyResourceChange'),
    ImportResourceState: call('importResourceState'),
    MoveResourceState: call('moveResourceState'),
    ReadDataSource: call('readDataSource'),
    StopProvider: call('stopProvider'),
    ValidateEphemeralResourceConfig: async () => notSupported('Ephemeral resources'),
    OpenEphemeralResource: async () => notSupported('Ephemeral resources'),
    RenewEphemeralResource: async () => notSupported('Ephemeral resources'),
    CloseEphemeralResource: async () => notSupported('Ephemeral resources'),
    GetFunctions: async () => ({ diagnostics: [] }),
    CallFunction: async () => ({ error: { text: 'This provider offers no functions.' } }),
  };
  return Object.fromEntries(Object.entries(implementations).map(([name, handler]) => [name, unary(name, logger, handler)]));
}

/** go-plugin's controller: answer Shutdown, then leave at once (Terraform otherwise waits 2 s before killing us). */
export function controllerImplementation(onShutdown: () => void): grpc.UntypedServiceImplementation {
  return {
    Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      setImmediate(onShutdown);
    },
  };
}
