import { noteCodePath } from './code-paths';
import type { MethodLookup, UnaryMethod } from './grpc-server';
import { Logger } from './logger';
import type { MessageTypes, MethodCodec } from './message-types';
import { ProviderRpcHandlers, Severity } from './protocol';

type Handler = (request: never) => Promise<unknown>;
type ServiceImplementation = Readonly<Record<string, Handler>>;

const notSupported = (what: string) => ({
  diagnostics: [{ severity: Severity.ERROR, summary: `${what} are not supported`, detail: `This provider offers no ${what.toLowerCase()}.` }],
});

/**
 * The tfplugin6.Provider implementation: every RPC waits for the handlers from `loadHandlers`, called by each RPC (so
 * heavy provider code loads when the first RPC needs it); RPCs for features the provider does not offer answer safely here.
 */
export function providerImplementation(loadHandlers: () => Promise<ProviderRpcHandlers>): ServiceImplementation {
  const call =
    <K extends keyof ProviderRpcHandlers>(method: K) =>
    async (request: Parameters<ProviderRpcHandlers[K]>[0]) =>
      ((await loadHandlers())[method] as (request: unknown) => Promise<unknown>)(request);
  return {
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
}

/** go-plugin's controller: answer Shutdown, then leave at once (Terraform otherwise waits 2 s before killing us). */
export function controllerImplementation(onShutdown: () => void): ServiceImplementation {
  return {
    Shutdown: async () => {
      setImmediate(onShutdown);
      return {};
    },
  };
}

/** Loads (once) the protobuf message types; kept out of the launch path, which only needs to print the handshake. */
export function loadMessageTypes(): Promise<MessageTypes> {
  messageTypes ??= import('./message-types').then((module) => module.buildMessageTypes());
  return messageTypes;
}

let messageTypes: Promise<MessageTypes> | undefined;

/**
 * Methods whose request and response are both the empty message: Terraform's Shutdown ends every launch, and must
 * not load the message types (and the provider code with them) when nothing else needed them.
 */
const EMPTY_MESSAGE_METHODS: ReadonlySet<string> = new Set(['/plugin.GRPCController/Shutdown']);
const EMPTY_MESSAGES: MethodCodec = { decodeRequest: () => ({}), encodeResponse: () => new Uint8Array() };

/**
 * Routes `/package.Service/Method` paths to the implementations, keyed by the service's full name. Each call is
 * logged at trace level; a rejected handler becomes an INTERNAL status whose message names the RPC. A path in
 * `precomputed` is answered with its encoded response as it is, without message types or handlers.
 */
export function serviceMethods(
  services: Readonly<Record<string, ServiceImplementation>>,
  logger: Logger,
  precomputed: Readonly<Record<string, Uint8Array>> = {},
): MethodLookup {
  return async (path) => {
    if (Object.hasOwn(precomputed, path)) return precomputedMethod(path, precomputed[path], logger);
    const [, serviceName, methodName] = path.split('/');
    const service = Object.hasOwn(services, serviceName) ? services[serviceName] : undefined;
    const handler = service && Object.hasOwn(service, methodName) ? service[methodName] : undefined;
    if (!handler) return undefined;
    noteCodePath(methodName);
    const codec = EMPTY_MESSAGE_METHODS.has(path) ? EMPTY_MESSAGES : (await loadMessageTypes()).method(serviceName, methodName);
    if (!codec) return undefined;
    return { ...codec, handle: logged(methodName, logger, handler) } satisfies UnaryMethod;
  };
}

function precomputedMethod(path: string, response: Uint8Array, logger: Logger): UnaryMethod {
  return {
    decodeRequest: () => undefined,
    encodeResponse: () => response,
    handle: async () => {
      logger.trace('rpc answered from its precomputed response', { rpc: path });
      return undefined;
    },
  };
}

function logged(name: string, logger: Logger, handler: Handler): (request: unknown) => Promise<unknown> {
  return async (request) => {
    noteCodePath(codePathOf(name, request));
    logger.trace('rpc started', { rpc: name });
    try {
      const response = await handler(request as never);
      logger.trace('rpc finished', { rpc: name });
      return response;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error('rpc failed', { rpc: name, error: message });
      throw new Error(`${name}: ${message}`);
    }
  };
}

/** The code an RPC runs depends on the method and, for resources and data sources, on their type. */
function codePathOf(methodName: string, request: unknown): string {
  const typeName = (request as { type_name?: unknown } | undefined)?.type_name;
  return typeof typeName === 'string' ? `${methodName} ${typeName}` : methodName;
}
