import { attr, defineResource, requiresReplace, requiresReplaceIf, stringLengthAtLeast, types, useStateForUnknown, uuid } from '../../../../src/provider/framework';
import { ErasedResource } from '../../../../src/provider/framework/provider-server';

export interface ExampleModel {
  id: string | null;
  name: string;
  parent_id: string | null;
  size: number | null;
  secret: string | null;
  labels: Record<string, string> | null;
  enabled: boolean | null;
  status: string | null;
  settings: { mode: string | null; computed_flag: boolean | null } | null;
}

/** A resource exercising every framework feature, with handlers the tests replace as needed. */
export const exampleResource = defineResource<ExampleModel, { calls: string[] }>({
  typeName: 'example_thing',
  version: 2,
  upgraders: { 0: ({ title, ...rest }) => ({ ...rest, name: title }), 1: (raw) => ({ ...raw, enabled: raw.enabled ?? true }) },
  attributes: {
    id: attr.string({ computed: true, planModifiers: [useStateForUnknown()] }),
    name: attr.string({ required: true, validators: [stringLengthAtLeast(1)] }),
    parent_id: attr.string({ optional: true, planModifiers: [requiresReplace()], validators: [uuid()] }),
    size: attr.number({ optional: true, planModifiers: [requiresReplaceIf(({ planValue, stateValue }) => (planValue as number) < (stateValue as number))] }),
    secret: attr.string({ computed: true, sensitive: true }),
    labels: attr.map(types.string, { optional: true }),
    enabled: attr.bool({ optional: true, default: true }),
    status: attr.string({ computed: true, optional: true, deprecationMessage: 'Use enabled.' }),
    settings: attr.object(
      {
        mode: attr.string({ optional: true }),
        computed_flag: attr.bool({ computed: true }),
      },
      { optional: true },
    ),
  },
  async create({ plan }) {
    return { ...(plan as ExampleModel), id: 'new-id', secret: 'hush', status: 'ok', settings: null };
  },
  async read({ state }) {
    return state;
  },
  async update({ plan, prior }) {
    return { ...(plan as ExampleModel), id: prior.id, secret: prior.secret, status: 'ok' };
  },
  async delete() {},
});

export const example = exampleResource.definition as ErasedResource<{ calls: string[] }>;

export const knownState = {
  id: 'id-1',
  name: 'one',
  parent_id: null,
  size: 5,
  secret: 'hush',
  labels: { a: 'b' },
  enabled: true,
  status: 'ok',
  settings: null,
};
