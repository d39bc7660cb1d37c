import { createLogger } from '../plugin/logger';
import { servePlugin } from '../plugin/serve-plugin';
import { ProviderType } from './provider';
import { createProviderServer } from './provider-server';

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
    handlers: async () => createProviderServer(eager ?? (await (provider as () => Promise<ProviderType<P>>)()), logger),
  });
}
