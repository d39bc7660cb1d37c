import { UnknownValue } from '../plugin/unknown';
import { AttributesOf } from './attributes';
import { AttributePathInput, Diagnostics } from './diagnostics';

/** A model whose values may still be unknown: configuration at validate/plan time, and the plan. */
export type Planned<M> = { -readonly [K in keyof M]: M[K] | UnknownValue };

export interface ValidateConfigContext<M> {
  /** The configuration; values may be unknown (they are validated again at plan time once known). */
  readonly config: Readonly<Planned<M>>;
  readonly diagnostics: Diagnostics;
}

export interface ModifyPlanContext<M, P> {
  /** The plan so far (defaults, unknowns and attribute plan modifiers applied); change it in place. */
  readonly plan: Planned<M>;
  /** Null on create. */
  readonly prior: Readonly<M> | null;
  readonly config: Readonly<Planned<M>>;
  /** The configured provider, or undefined when its configuration is not known yet. */
  readonly provider: P | undefined;
  readonly diagnostics: Diagnostics;
  /** Marks an attribute whose change forces replacement. */
  requiresReplace(path: AttributePathInput): void;
}

interface ApplyContextBase<M, P> {
  readonly plan: Readonly<Planned<M>>;
  readonly config: Readonly<Planned<M>>;
  readonly provider: P;
  readonly diagnostics: Diagnostics;
  /**
   * Records what exists so far: if the handler then throws, Terraform saves this state with the error instead of
   * losing it (a failed create is saved as tainted by Terraform).
   */
  setPartialState(state: M): void;
}

export type CreateContext<M, P> = ApplyContextBase<M, P>;

export interface UpdateContext<M, P> extends ApplyContextBase<M, P> {
  readonly prior: Readonly<M>;
}

export interface ReadContext<M, P> {
  readonly state: Readonly<M>;
  readonly provider: P;
  readonly diagnostics: Diagnostics;
}

export interface DeleteContext<M, P> {
  readonly state: Readonly<M>;
  readonly provider: P;
  readonly diagnostics: Diagnostics;
}

export interface ImportStateContext<P> {
  /** The id the user passed to `terraform import` or an `import` block. */
  readonly id: string;
  readonly provider: P;
  readonly diagnostics: Diagnostics;
}

/** Turns stored state written with an older schema version into the next version's shape. */
export type StateUpgrader = (raw: Record<string, unknown>) => Record<string, unknown>;

/** How a resource is declared: schema, plan behaviour and lifecycle handlers. The protocol is not visible here. */
export interface ResourceDefinition<M, P> {
  /** e.g. `snyk_organization`. */
  readonly typeName: string;
  /** Markdown shown in the docs. */
  readonly description?: string;
  /** Schema version stored with the state. @default 0 */
  readonly version?: number;
  /** `upgraders[n]` turns version-n state into version n+1; missing attributes then read as null. */
  readonly upgraders?: { readonly [fromVersion: number]: StateUpgrader };
  readonly attributes: AttributesOf<M>;
  validateConfig?(context: ValidateConfigContext<M>): void | Promise<void>;
  modifyPlan?(context: ModifyPlanContext<M, P>): void | Promise<void>;
  /** Returns the new state: planned known values unchanged, unknown ones filled in. */
  create(context: CreateContext<M, P>): Promise<M>;
  /** Returns the current state, or null when the object is gone (Terraform then plans to create it again). */
  read(context: ReadContext<M, P>): Promise<M | null>;
  update(context: UpdateContext<M, P>): Promise<M>;
  delete(context: DeleteContext<M, P>): Promise<void>;
  /** Returns enough state for `read` to find the object (often just the id); other attributes default to null. */
  importState?(context: ImportStateContext<P>): Promise<Partial<M>>;
}

/** A declared resource; the model type is erased so that a provider can hold resources of different models. */
export interface ResourceType<P> {
  readonly typeName: string;
  /** @internal */
  readonly definition: ResourceDefinition<Record<string, unknown>, P>;
}

export function defineResource<M, P>(definition: ResourceDefinition<M, P>): ResourceType<P> {
  return { typeName: definition.typeName, definition: definition as unknown as ResourceDefinition<Record<string, unknown>, P> };
}
