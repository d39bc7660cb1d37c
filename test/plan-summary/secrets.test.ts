import fc from 'fast-check';
import {
  JsonValue,
  LoadedPlan,
  PlanAction,
  PlanChange,
  PlanResourceChange,
  renderJson,
  renderMarkdown,
  renderPlanSummary,
  renderText,
  summarizePlan,
  SUMMARY_FORMATS,
  TerraformPlanJson,
} from '../../src/plan-summary';
import { SNYK } from './builders';
import { fixtureNames, loadFixture, secretsOf } from './support';

const RENDERERS = { markdown: renderMarkdown, json: renderJson, text: renderText };

function expectNoSecret(output: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (output.includes(secret)) throw new Error(`a secret leaked: ${secret.slice(0, 12)}...`);
  }
}

describe('no secret ever appears', () => {
  test.each(fixtureNames())('%s: neither in the renderers nor after the backstop, in any format', (name) => {
    const loaded = loadFixture(name);
    const secrets = secretsOf(loaded.plan);
    expect(secrets.length).toBeGreaterThan(0);
    const summary = summarizePlan(loaded.plan, loaded.stack, loaded.source);
    for (const format of SUMMARY_FORMATS) {
      // The renderers alone, without the redaction backstop: they must never read a sensitive value.
      expectNoSecret(RENDERERS[format]([summary]), secrets);
      expectNoSecret(renderPlanSummary([loaded], format).output, secrets);
    }
  });

  test('random plans with planted secrets never leak them (property)', () => {
    fc.assert(
      fc.property(randomPlan(), ({ plan, secrets }) => {
        const loaded: LoadedPlan = { stack: 'random', source: 'random.json', plan };
        const summary = summarizePlan(plan, 'random');
        for (const format of SUMMARY_FORMATS) {
          expectNoSecret(RENDERERS[format]([summary]), secrets);
          expectNoSecret(renderPlanSummary([loaded], format).output, secrets);
        }
      }),
      { numRuns: 150 },
    );
  });
});

const secretArbitrary = fc.stringMatching(/^[A-Za-z0-9+/=_|<>"`#-]{6,24}$/).map((core) => `PLANTED${core}`);

const ATTRIBUTES: { readonly [type: string]: readonly string[] } = {
  snyk_organization: ['name', 'group_id', 'source_organization_id', 'slug'],
  snyk_integration: ['organization_id', 'type', 'broker', 'credentials', 'settings', 'broker_token'],
  snyk_broker_token: ['organization_id', 'integration_id', 'rotation_triggers', 'activate', 'token', 'status'],
  snyk_integration_clone: ['source_organization_id', 'source_integration_id', 'destination_organization_id', 'type'],
  snyk_app_install: ['organization_id', 'client_id', 'client_secret', 'previous_client_secret', 'secret_rotation_triggers', 'secret_rotation_mode', 'retire_previous_secret'],
  snyk_broker_deployment: ['tenant_id', 'app_install_id', 'organization_id', 'metadata'],
  snyk_broker_deployment_credential: ['broker_deployment_id', 'environment_variable_name', 'broker_connection_type', 'comment'],
  snyk_broker_connection: ['broker_deployment_id', 'name', 'type', 'configuration'],
  snyk_broker_integration: ['broker_connection_id', 'organization_id', 'type', 'integration_id', 'classic_family_organization_ids'],
  other_thing: ['name', 'password'],
};
const ALWAYS_SECRET = new Set(['credentials', 'broker_token', 'token', 'password', 'client_secret', 'previous_client_secret']);
const MAP_ATTRIBUTES = ['credentials', 'rotation_triggers', 'settings', 'secret_rotation_triggers', 'metadata', 'configuration'];
const ACTIONS: PlanAction[][] = [['create'], ['update'], ['delete', 'create'], ['create', 'delete'], ['delete'], ['no-op'], ['read']];
const IDS = ['o1', 'o2', 'i1', 'i2', 't1'];

interface RandomPlan {
  readonly plan: TerraformPlanJson;
  readonly secrets: string[];
}

/** A value for an attribute: an id that may link, a plain value, a map, or (if `secret`) a planted secret. */
function attributeValue(attribute: string, secret: string | undefined, pick: number): JsonValue {
  if (secret !== undefined) {
    if (attribute.endsWith('_ids')) return [IDS[pick % IDS.length], secret];
    return MAP_ATTRIBUTES.includes(attribute) ? { key: secret, deployment_name: secret } : secret;
  }
  if (['broker', 'activate', 'retire_previous_secret'].includes(attribute)) return pick % 2 === 0;
  if (attribute.endsWith('_id')) return IDS[pick % IDS.length];
  if (attribute.endsWith('_ids')) return [IDS[pick % IDS.length], IDS[(pick + 1) % IDS.length]];
  if (MAP_ATTRIBUTES.includes(attribute)) return { generation: String(pick), deployment_name: `name-${pick}` };
  return `${attribute}-${pick}`;
}

function randomSide(type: string, secrets: string[], sensitiveChoices: boolean[], picks: number[]) {
  const values: { [key: string]: JsonValue } = { id: IDS[picks[0] % IDS.length] };
  const mask: { [key: string]: JsonValue } = {};
  ATTRIBUTES[type].forEach((attribute, index) => {
    const sensitive = ALWAYS_SECRET.has(attribute) || sensitiveChoices[index % sensitiveChoices.length];
    values[attribute] = attributeValue(attribute, sensitive ? secrets[index % secrets.length] : undefined, picks[index % picks.length]);
    if (sensitive) mask[attribute] = true;
  });
  return { values, mask };
}

function randomChange(index: number, type: string, actions: PlanAction[], secrets: string[], sensitive: boolean[], picks: number[], importing: boolean): PlanResourceChange {
  const before = randomSide(type, secrets, sensitive, picks);
  const after = randomSide(type, [...secrets].reverse(), [...sensitive].reverse(), [...picks].reverse());
  const creates = actions[0] === 'create' && actions.length === 1;
  const deletes = actions[0] === 'delete' && actions.length === 1;
  return {
    address: `${type}.r${index}`,
    mode: actions[0] === 'read' ? 'data' : 'managed',
    type,
    name: `r${index}`,
    provider_name: type === 'other_thing' ? 'registry.terraform.io/acme/other' : SNYK,
    change: {
      actions,
      before: creates ? null : before.values,
      after: deletes ? null : after.values,
      after_unknown: deletes ? {} : { status: true },
      before_sensitive: creates ? false : before.mask,
      after_sensitive: deletes ? false : after.mask,
      replace_paths: actions.length === 2 ? [[ATTRIBUTES[type][picks[0] % ATTRIBUTES[type].length], 'key']] : undefined,
      ...(importing ? { importing: { id: `import-${index}` } } : {}),
    },
  };
}

function randomPlan(): fc.Arbitrary<RandomPlan> {
  const change = fc.record({
    type: fc.constantFrom(...Object.keys(ATTRIBUTES)),
    actions: fc.constantFrom(...ACTIONS),
    sensitive: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    picks: fc.array(fc.nat(20), { minLength: 1, maxLength: 6 }),
    importing: fc.boolean(),
  });
  return fc
    .record({
      secrets: fc.array(secretArbitrary, { minLength: 1, maxLength: 6 }),
      changes: fc.array(change, { maxLength: 8 }),
      outputSecret: fc.option(secretArbitrary, { nil: undefined }),
    })
    .map(({ secrets, changes, outputSecret }) => {
      const outputs: { [name: string]: PlanChange } = outputSecret
        ? { token: { actions: ['update'] as PlanAction[], before: outputSecret, after: `${outputSecret}-next`, before_sensitive: true, after_sensitive: true } }
        : {};
      const plan: TerraformPlanJson = {
        format_version: '1.2',
        resource_changes: changes.map((c, index) => randomChange(index, c.type, c.actions, secrets, c.sensitive, c.picks, c.importing)),
        output_changes: outputs,
        configuration: { root_module: { resources: [] } },
      };
      return { plan, secrets: [...secrets, ...(outputSecret ? [outputSecret, `${outputSecret}-next`] : [])] };
    });
}
