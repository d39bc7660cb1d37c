import { createLogger } from '../plugin/logger';
import { servePlugin } from '../plugin/serve-plugin';
import type { ProviderType } from './provider';

export interface ServeProviderOptions {
  /** Shown to a human who runs the executable by hand. @default `terraform-provider-TYPE` */
  readonly executableName?: string;
}

/**
 * The provider executable's entry: serves the provider to Terraform and exits when Terraform is done with it.
 * Pass a loader (`() => import('./provider').then((m) => m.provider)`) to load resource code (API clients...) only
 * after the handshake line is printed, which keeps Terraform's many launches fast.
 */
export function serveProvider<P>(provider: ProviderType<P> | (() => Promise<ProviderType<P>>), options: ServeProviderOptions = {}): Promise<void> {
  const eager = typeof provider === 'function' ? undefined : provider;
  const executableName = options.executableName ?? `terraform-provider-${eager?.typeName ?? 'plugin'}`;
  const logger = createLogger({ module: executableName });
  return servePlugin({
    executableName,
    logger,
    // The framework's RPC handlers (value codec, plan and apply logic) load after the handshake line, like the provider.
    handlers: async () => {
      const [{ createProviderServer }, resolved] = await Promise.all([
        import('./provider-server'),
        eager ?? (provider as () => Promise<ProviderType<P>>)(),
      ]);
      return createProviderServer(resolved, logger);
    },
  });
}
