import { AttributesOf } from './attributes';
import { Diagnostics } from './diagnostics';
import { ValidateConfigContext } from './resource';

export interface DataSourceReadContext<M, P> {
  /** The configuration, fully known (Terraform defers the read until it is). */
  readonly config: Readonly<M>;
  readonly provider: P;
  readonly diagnostics: Diagnostics;
}

export interface DataSourceDefinition<M, P> {
  readonly typeName: string;
  readonly description?: string;
  readonly attributes: AttributesOf<M>;
  validateConfig?(context: ValidateConfigContext<M>): void | Promise<void>;
  /** Returns the state: configured values unchanged, computed ones filled in. */
  read(context: DataSourceReadContext<M, P>): Promise<M>;
}

export interface DataSourceType<P> {
  readonly typeName: string;
  /** @internal */
  readonly definition: DataSourceDefinition<Record<string, unknown>, P>;
}

export function defineDataSource<M, P>(definition: DataSourceDefinition<M, P>): DataSourceType<P> {
  return { typeName: definition.typeName, definition: definition as unknown as DataSourceDefinition<Record<string, unknown>, P> };
}
