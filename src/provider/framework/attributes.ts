import { CtyType, CtyValue } from '../plugin/cty-type';
import { PlanModifier } from './plan-modifiers';
import { Validator } from './validators';

/** The type of an element of a map, list or set attribute. */
export interface ElementType<T> {
  readonly ctyType: CtyType;
  /** Phantom member carrying the JS type; never set. */
  readonly __value?: T;
}

export const types = {
  string: { ctyType: 'string' } as ElementType<string>,
  number: { ctyType: 'number' } as ElementType<number>,
  bool: { ctyType: 'bool' } as ElementType<boolean>,
} as const;

export type AttributeKind = 'string' | 'number' | 'bool' | 'map' | 'list' | 'set' | 'object';

/** One attribute of a resource, data source or provider schema. Build it with the `attr` helpers. */
export interface Attribute<T> {
  readonly kind: AttributeKind;
  readonly ctyType: CtyType;
  readonly required: boolean;
  readonly optional: boolean;
  readonly computed: boolean;
  readonly sensitive: boolean;
  /** Markdown. */
  readonly description?: string;
  readonly deprecationMessage?: string;
  /** The planned value when the configuration leaves the attribute null. */
  readonly default?: CtyValue;
  readonly validators: readonly Validator<never>[];
  readonly planModifiers: readonly PlanModifier[];
  /** The attributes of a nested object attribute. */
  readonly nested?: AttributeMap;
  /**
   * Declared as a single nested block (`name { ... }`) instead of an attribute (`name = { ... }`): Terraform then
   * rejects a misspelled or unknown argument inside it at validate, where an object attribute drops it silently.
   */
  readonly block?: boolean;
  /** Phantom member carrying the JS type of the value; never set. */
  readonly __value?: T;
}

export type AnyAttribute = Attribute<unknown>;
export type AttributeMap = { readonly [name: string]: AnyAttribute };

/** The JS type an attribute holds. */
export type ValueOf<A> = A extends Attribute<infer T> ? T : never;

/**
 * The attributes describing a model type: one per property, of a matching kind. Nullability is not enforced
 * (a required attribute's property may be typed without `null`).
 */
export type AttributesOf<M> = { readonly [K in keyof M]-?: Attribute<M[K]> | Attribute<M[K] | null> };

export interface AttributeOptions<T> {
  /** Markdown shown in the docs and the generated bindings. */
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  /** Hidden in plan output and logs. */
  readonly sensitive?: boolean;
  /** Setting the attribute shows this warning. */
  readonly deprecationMessage?: string;
  /** The planned value when the configuration leaves it null; implies `computed`. */
  readonly default?: T;
  /** Run at validate time on known, non-null values. */
  readonly validators?: readonly Validator<T>[];
  readonly planModifiers?: readonly PlanModifier[];
}

/** Options of a nested block: always optional (absent means null), never computed or sensitive. */
export type BlockOptions<T> = Pick<AttributeOptions<T>, 'description' | 'deprecationMessage' | 'validators'>;

function build<T>(kind: AttributeKind, ctyType: CtyType, options: AttributeOptions<T>, nested?: AttributeMap, block = false): Attribute<T | null> {
  const hasDefault = options.default !== undefined;
  if (hasDefault && options.required) throw new Error('An attribute with a default cannot be required');
  const required = options.required ?? false;
  const computed = (options.computed ?? false) || hasDefault;
  const optional = (options.optional ?? false) || (hasDefault && !required);
  if (!required && !optional && !computed) throw new Error('An attribute must be required, optional or computed');
  if (required && (optional || computed)) throw new Error('A required attribute cannot also be optional or computed');
  return {
    kind,
    ctyType,
    required,
    optional,
    computed,
    sensitive: options.sensitive ?? false,
    description: options.description,
    deprecationMessage: options.deprecationMessage,
    default: options.default as CtyValue | undefined,
    validators: (options.validators ?? []) as readonly Validator<never>[],
    planModifiers: options.planModifiers ?? [],
    nested,
    ...(block ? { block } : {}),
  };
}

type NestedValue<A extends AttributeMap> = { [K in keyof A]: ValueOf<A[K]> };

/** Attribute builders: `attr.string({ required: true })`, `attr.map(types.string, { optional: true })`... */
export const attr = {
  string: (options: AttributeOptions<string>): Attribute<string | null> => build('string', 'string', options),
  number: (options: AttributeOptions<number>): Attribute<number | null> => build('number', 'number', options),
  bool: (options: AttributeOptions<boolean>): Attribute<boolean | null> => build('bool', 'bool', options),
  map: <T>(element: ElementType<T>, options: AttributeOptions<Record<string, T>>): Attribute<Record<string, T> | null> =>
    build('map', ['map', element.ctyType], options),
  list: <T>(element: ElementType<T>, options: AttributeOptions<T[]>): Attribute<T[] | null> => build('list', ['list', element.ctyType], options),
  set: <T>(element: ElementType<T>, options: AttributeOptions<T[]>): Attribute<T[] | null> => build('set', ['set', element.ctyType], options),
  /** A single nested object (protocol 6 nested attributes); its attributes carry their own flags. */
  object: <A extends AttributeMap>(attributes: A, options: AttributeOptions<NestedValue<A>>): Attribute<NestedValue<A> | null> =>
    build('object', objectType(attributes), options, attributes),
  /**
   * A single nested block, `name { ... }`: null when absent. Prefer it to `object` for a group of settings the user
   * writes by hand, so that a misspelled argument is an error instead of being dropped.
   */
  block: <A extends AttributeMap>(attributes: A, options: BlockOptions<NestedValue<A>>): Attribute<NestedValue<A> | null> => {
    for (const [name, attribute] of Object.entries(attributes)) {
      if (attribute.block) throw new Error(`Block attribute ${name}: blocks inside blocks are not supported`);
    }
    return build('object', objectType(attributes), { ...options, optional: true }, attributes, true);
  },
};

/** The cty object type of a set of attributes. */
export function objectType(attributes: AttributeMap): CtyType {
  return ['object', Object.fromEntries(Object.entries(attributes).map(([name, attribute]) => [name, attribute.ctyType]))];
}
