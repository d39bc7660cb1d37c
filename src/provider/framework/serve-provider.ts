import { loadMessageTypes } from '../plugin/grpc-services';
import { createLogger } from '../plugin/logger';
import { servePlugin } from '../plugin/serve-plugin';
import type { ProviderType } from './provider';

export interface ServeProviderOptions {
  /** Shown to a human who runs the executable by hand. @default `terraform-provider-TYPE` */
  readonly executableName?: string;
  /**
   * Encoded answers of the RPCs that never change, made by {@link precomputeResponses} when the executable was built
   * (base64 by RPC path). Terraform's first launch of a plan only asks for the schema: answered from here, it loads
   * no provider code.
   */
  readonly precomputedResponses?: Readonly<Record<string, string>>;
}

/** The RPCs whose answer depends on nothing but the provider's code. */
const CONSTANT_RPCS = [
  { path: '/tfplugin6.Provider/GetProviderSchema', method: 'GetProviderSchema', handler: 'getProviderSchema' },
  { path: '/tfplugin6.Provider/GetMetadata', method: 'GetMetadata', handler: 'getMetadata' },
] as const;

/**
 * The provider executable's entry: serves the provider to Terraform and exits when Terraform is done with it.
 * Pass a loader (`() => import('./provider').then((m) => m.provider)`) to load resource code (API clients...) only
 * when the first RPC needs it, which keeps Terraform's many launches fast.
 */
export function serveProvider<P>(provider: ProviderType<P> | (() => Promise<ProviderType<P>>), options: ServeProviderOptions = {}): Promise<void> {
  const eager = typeof provider === 'function' ? undefined : provider;
  const executableName = options.executableName ?? `terraform-provider-${eager?.typeName ?? 'plugin'}`;
  const logger = createLogger({ module: executableName });
  return servePlugin({
    executableName,
    logger,
    precomputedResponses: decodePrecomputed(options.precomputedResponses ?? {}),
    // The framework's RPC handlers (value codec, plan and apply logic) load with the provider.
    handlers: async () => {
      const [{ createProviderServer }, resolved] = await Promise.all([
        import('./provider-server'),
        eager ?? (provider as () => Promise<ProviderType<P>>)(),
      ]);
      return createProviderServer(resolved, logger);
    },
  });
}

/**
 * The encoded answers of the RPCs that depend on nothing but the provider's code (its schema and metadata), base64 by
 * RPC path, for {@link ServeProviderOptions.precomputedResponses}: computed once when the executable is built.
 */
export async function precomputeResponses<P>(provider: ProviderType<P>): Promise<Record<string, string>> {
  const { createProviderServer } = await import('./provider-server');
  const server = createProviderServer(provider, createLogger({ module: 'precompute', write: () => {} }));
  const types = await loadMessageTypes();
  const responses: Record<string, string> = {};
  for (const rpc of CONSTANT_RPCS) {
    const codec = types.method('tfplugin6.Provider', rpc.method);
    if (!codec) throw new Error(`the protocol descriptor has no ${rpc.method}`);
    const response = await server[rpc.handler]();
    responses[rpc.path] = Buffer.from(codec.encodeResponse(response)).toString('base64');
  }
  return responses;
}

function decodePrecomputed(encoded: Readonly<Record<string, string>>): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(encoded).map(([path, base64]) => [path, Buffer.from(base64, 'base64')]));
}
