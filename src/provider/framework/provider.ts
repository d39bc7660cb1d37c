import { AttributesOf } from './attributes';
import { DataSourceType } from './data-source';
import { Diagnostics } from './diagnostics';
import { Planned, ResourceType, ValidateConfigContext } from './resource';

export interface ConfigureContext<C> {
  /** The provider block; values may be null (not set) or unknown (depending on resources not created yet). */
  readonly config: Readonly<Planned<C>>;
  readonly terraformVersion: string;
  readonly diagnostics: Diagnostics;
}

export interface ProviderDefinition<P, C> {
  /** The provider's local name and resource prefix, e.g. `snyk`. */
  readonly typeName: string;
  readonly description?: string;
  readonly attributes: AttributesOf<C>;
  validateConfig?(context: ValidateConfigContext<C>): void | Promise<void>;
  /**
   * Builds what resources receive as `ctx.provider` (API client, caches). Report problems through diagnostics or
   * by throwing; return undefined only together with an error.
   */
  configure(context: ConfigureContext<C>): P | undefined | Promise<P | undefined>;
  readonly resources: readonly ResourceType<P>[];
  readonly dataSources?: readonly DataSourceType<P>[];
}

export interface ProviderType<P> {
  readonly typeName: string;
  /** @internal */
  readonly definition: ProviderDefinition<P, Record<string, unknown>>;
}

export function defineProvider<P, C = Record<string, unknown>>(definition: ProviderDefinition<P, C>): ProviderType<P> {
  const names = new Set<string>();
  for (const { typeName } of definition.resources) {
    if (names.has(typeName)) throw new Error(`Resource ${typeName} is declared twice`);
    names.add(typeName);
  }
  return { typeName: definition.typeName, definition: definition as unknown as ProviderDefinition<P, Record<string, unknown>> };
}
