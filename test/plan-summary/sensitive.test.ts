import { collectSecretStrings, isSensitiveAt, redactSecrets, SafeAttributes, TerraformPlanJson } from '../../src/plan-summary';

describe('isSensitiveAt', () => {
  test('follows the mask down objects and lists, and a true above covers everything below', () => {
    const mask = { credentials: true, settings: { a: true }, list: [false, true] };
    expect(isSensitiveAt(mask, ['credentials'])).toBe(true);
    expect(isSensitiveAt(mask, ['credentials', 'token'])).toBe(true);
    expect(isSensitiveAt(mask, ['settings'])).toBe(false);
    expect(isSensitiveAt(mask, ['settings', 'a'])).toBe(true);
    expect(isSensitiveAt(mask, ['list', 1])).toBe(true);
    expect(isSensitiveAt(mask, ['list', 0])).toBe(false);
    expect(isSensitiveAt(true, ['anything'])).toBe(true);
    expect(isSensitiveAt(false, ['anything'])).toBe(false);
  });
});

describe('SafeAttributes', () => {
  const side = new SafeAttributes(
    { name: 'acme', token: 'PLANTED-SAFE-1', settings: { a: 1 }, credentials: { token: 'PLANTED-SAFE-2' } },
    { token: true, credentials: true },
    { id: true },
  );

  test('reads known values and refuses sensitive ones', () => {
    expect(side.get('name')).toEqual({ state: 'known', value: 'acme' });
    expect(side.get('token')).toEqual({ state: 'sensitive' });
    expect(side.get('id')).toEqual({ state: 'unknown' });
    expect(side.get('missing')).toEqual({ state: 'absent' });
    expect(side.get('settings')).toEqual({ state: 'complex' });
    expect(side.mapKeys('settings')).toEqual(['a']);
    expect(side.mapKeys('credentials')).toBeUndefined();
  });

  test('cannot be serialised into its values', () => {
    expect(JSON.stringify(side)).toBe('{}');
    expect(JSON.stringify({ ...side })).toBe('{}');
  });

  test('tells whether a sensitive value changes without showing it', () => {
    const after = new SafeAttributes({ credentials: { token: 'PLANTED-SAFE-3' } }, { credentials: true });
    expect(side.differsFrom(after, 'credentials')).toBe(true);
    expect(side.differsFrom(side, 'credentials')).toBe(false);
  });
});

describe('collectSecretStrings', () => {
  const plan: TerraformPlanJson = {
    format_version: '1.2',
    variables: { api: { value: 'PLANTED-VARIABLE' }, region: { value: 'eu-west-1' } },
    resource_changes: [
      {
        address: 'snyk_integration.a',
        mode: 'managed',
        type: 'snyk_integration',
        name: 'a',
        provider_name: 'registry.terraform.io/cdktf-snyk/snyk',
        // A provider that forgot to mark broker_token is still covered.
        change: { actions: ['create'], before: null, after: { broker_token: 'PLANTED-UNMARKED', name: 'x' }, after_sensitive: {} },
      },
      {
        address: 'snyk_app_install.ub',
        mode: 'managed',
        type: 'snyk_app_install',
        name: 'ub',
        provider_name: 'registry.terraform.io/cdktf-snyk/snyk',
        // Nor are the Broker App's client secrets, current and previous.
        change: {
          actions: ['update'],
          before: { client_secret: 'PLANTED-UNMARKED-CLIENT-SECRET' },
          after: { client_secret: 'PLANTED-UNMARKED-CLIENT-SECRET-2', previous_client_secret: 'PLANTED-UNMARKED-CLIENT-SECRET' },
          before_sensitive: {},
          after_sensitive: {},
        },
      },
      {
        address: 'other.b',
        mode: 'managed',
        type: 'other',
        name: 'b',
        provider_name: 'registry.terraform.io/acme/other',
        change: { actions: ['update'], before: { list: ['a', 'PLANTED-IN-LIST'] }, after: null, before_sensitive: { list: [false, true] } },
      },
    ],
    output_changes: { out: { actions: ['no-op'], before: 'PLANTED-OUTPUT', after: 'PLANTED-OUTPUT', before_sensitive: true, after_sensitive: true } },
    configuration: {
      provider_config: { snyk: { name: 'snyk', expressions: { token: { constant_value: 'PLANTED-PROVIDER-TOKEN' } } } },
      root_module: { variables: { api: { sensitive: true }, region: {} } },
    },
  };

  test('finds values behind masks, sensitive outputs and variables, and secret attributes whatever their mask', () => {
    const secrets = collectSecretStrings(plan);
    const planted = ['PLANTED-VARIABLE', 'PLANTED-UNMARKED', 'PLANTED-UNMARKED-CLIENT-SECRET', 'PLANTED-UNMARKED-CLIENT-SECRET-2', 'PLANTED-IN-LIST', 'PLANTED-OUTPUT', 'PLANTED-PROVIDER-TOKEN'];
    for (const secret of planted) {
      expect(secrets).toContain(secret);
    }
    expect(secrets).not.toContain('eu-west-1');
    expect(secrets).not.toContain('a');
  });
});

describe('redactSecrets', () => {
  test('replaces each secret, its JSON-escaped form, and leaves short values alone', () => {
    const text = 'a PLANTED-"QUOTED" b {"v":"PLANTED-\\"QUOTED\\""} true';
    expect(redactSecrets(text, ['PLANTED-"QUOTED"', 'true'])).toBe('a (sensitive) b {"v":"(sensitive)"} true');
  });

  test('removes a longer secret whole even when it contains a shorter one', () => {
    expect(redactSecrets('xx LONGSECRET-PART2 yy', ['LONGSECRET', 'LONGSECRET-PART2'])).toBe('xx (sensitive) yy');
  });
});
