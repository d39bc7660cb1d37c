import { ConnectionSettingsError, credentialOf, explicitGovernmentApiKeyProblem, resolveConnectionSettings } from '../../src/snyk';

const KEY = 'api-key-0f3c9a1e';
const OAUTH = 'oauth-access-token-7b2d55e1';

function settingsError(run: () => unknown): ConnectionSettingsError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectionSettingsError) return error;
    throw error;
  }
  throw new Error('expected a ConnectionSettingsError');
}

describe('resolveConnectionSettings: credentials', () => {
  it('sends an API key as `token` and an OAuth access token as `bearer`', () => {
    expect(resolveConnectionSettings({ token: KEY }, {}).credential).toEqual({ scheme: 'token', value: KEY });
    expect(resolveConnectionSettings({ oauthToken: OAUTH }, {}).credential).toEqual({ scheme: 'bearer', value: OAUTH });
    expect(resolveConnectionSettings({}, { SNYK_TOKEN: KEY }).credential).toEqual({ scheme: 'token', value: KEY });
    expect(resolveConnectionSettings({}, { SNYK_OAUTH_TOKEN: OAUTH }).credential).toEqual({ scheme: 'bearer', value: OAUTH });
  });

  it('lets an explicit setting win over the environment, and SNYK_OAUTH_TOKEN over SNYK_TOKEN (as Snyk\'s CLI does)', () => {
    const env = { SNYK_TOKEN: 'env-key-1234', SNYK_OAUTH_TOKEN: 'env-oauth-1234' };
    expect(resolveConnectionSettings({ token: KEY }, env).credential).toEqual({ scheme: 'token', value: KEY });
    expect(resolveConnectionSettings({ oauthToken: OAUTH }, env).credential).toEqual({ scheme: 'bearer', value: OAUTH });
    expect(resolveConnectionSettings({}, env).credential).toEqual({ scheme: 'bearer', value: 'env-oauth-1234' });
  });

  it('refuses an explicit API key together with an explicit OAuth token, naming both attributes and neither secret', () => {
    const error = settingsError(() => resolveConnectionSettings({ token: KEY, oauthToken: OAUTH }, {}));
    expect(error.setting).toBe('oauthToken');
    expect(error.message).toMatch(/Both token and oauth_token are set.*either `token`.*or `oauth_token`/);
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain(OAUTH);
  });

  it('names both environment variables when no credential is set', () => {
    const error = settingsError(() => resolveConnectionSettings({}, {}));
    expect(error.setting).toBe('token');
    expect(error.message).toMatch(/No Snyk API token.*SNYK_TOKEN.*SNYK_OAUTH_TOKEN/);
  });

  it('credentialOf refuses neither and both', () => {
    expect(() => credentialOf({})).toThrow(/SNYK_TOKEN.*SNYK_OAUTH_TOKEN/);
    expect(() => credentialOf({ token: KEY, oauthToken: OAUTH })).toThrow(/not both/);
    expect(credentialOf({ token: `  ${KEY} ` })).toEqual({ scheme: 'token', value: KEY });
  });
});

describe('resolveConnectionSettings: SNYK-GOV-01', () => {
  it('takes an OAuth token in SNYK-GOV-01', () => {
    expect(resolveConnectionSettings({ oauthToken: OAUTH, region: 'snyk-gov-01' }, {})).toEqual({
      credential: { scheme: 'bearer', value: OAUTH },
      region: 'SNYK-GOV-01',
      apiUrl: 'https://api.snykgov.io',
    });
  });

  it.each([
    ['the region', { token: KEY, region: 'SNYK-GOV-01' }, {}],
    ['SNYK_REGION', {}, { SNYK_TOKEN: KEY, SNYK_REGION: 'SNYK-GOV-01' }],
    ['an explicit snykgov.io URL', { token: KEY, apiUrl: 'https://api.snykgov.io/v1' }, {}],
  ])('refuses an API key aimed at Snyk for Government through %s, saying to use an OAuth token', (_how, explicit, env) => {
    const error = settingsError(() => resolveConnectionSettings(explicit, env));
    expect(error.setting).toBe('token');
    expect(error.message).toMatch(/API keys do not exist in SNYK-GOV-01.*set SNYK_OAUTH_TOKEN \(or the provider's `oauth_token`\)/);
    expect(error.message).not.toContain(KEY);
  });
});

describe('resolveConnectionSettings: API URL', () => {
  it('reports a malformed SNYK_API_URL without its user-info', () => {
    const error = settingsError(() => resolveConnectionSettings({}, { SNYK_TOKEN: KEY, SNYK_API_URL: 'https://ci-bot:SECRET@api.eu.snyk.io:99999' }));
    expect(error.setting).toBe('apiUrl');
    expect(error.message).toContain('api.eu.snyk.io:99999');
    expect(error.message).not.toMatch(/SECRET|ci-bot/);
  });
});

describe('explicitGovernmentApiKeyProblem (for terraform validate: explicit settings only)', () => {
  it('flags an explicit key with an explicit GOV region or snykgov.io URL, and nothing else', () => {
    expect(explicitGovernmentApiKeyProblem({ token: KEY, region: 'SNYK-GOV-01' })?.summary).toBe('API keys do not exist in SNYK-GOV-01');
    expect(explicitGovernmentApiKeyProblem({ token: KEY, apiUrl: 'https://api.snykgov.io' })?.setting).toBe('token');
    expect(explicitGovernmentApiKeyProblem({ token: KEY })).toBeUndefined();
    expect(explicitGovernmentApiKeyProblem({ token: KEY, region: 'SNYK-EU-01' })).toBeUndefined();
    expect(explicitGovernmentApiKeyProblem({ oauthToken: OAUTH, region: 'SNYK-GOV-01' })).toBeUndefined();
    expect(explicitGovernmentApiKeyProblem({ token: KEY, apiUrl: 'not a url' })).toBeUndefined();
  });
});
