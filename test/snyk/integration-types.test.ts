import { credentialProblems, INTEGRATION_TYPES, isIntegrationType } from '../../src/snyk';
import { apiPath, userAgent } from '../../src/snyk/http';
import { validateRequestBody } from '../contract/openapi';

describe('INTEGRATION_TYPES', () => {
  it('lists every type of the API description', () => {
    expect(Object.keys(INTEGRATION_TYPES).sort()).toEqual(
      ['acr', 'artifactory-cr', 'azure-repos', 'bitbucket-cloud', 'bitbucket-server', 'digitalocean-cr', 'docker-hub', 'ecr', 'gcr', 'github', 'github-cr', 'github-enterprise', 'gitlab', 'gitlab-cr', 'google-artifact-cr', 'harbor-cr', 'nexus-cr', 'quay-cr'].sort(),
    );
    expect(isIntegrationType('jira')).toBe(false);
  });

  it.each(Object.entries(INTEGRATION_TYPES))('the %s credentials it describes are accepted by the OpenAPI subset', (type, fields) => {
    const credentials = Object.fromEntries([...fields.required, ...fields.optional].map((field) => [field, 'value']));
    expect(validateRequestBody('POST', '/org/{orgId}/integrations', { type, credentials })).toEqual([]);
  });

  it('names missing and unknown fields, never values', () => {
    expect(credentialProblems('github', { token: 'ghp_secret' })).toEqual([]);
    expect(credentialProblems('gitlab', { token: 't' })).toEqual([]);
    const problems = credentialProblems('bitbucket-server', { username: 'u', pasword: 'hunter2' });
    expect(problems).toEqual([
      'bitbucket-server credentials need "password"',
      'bitbucket-server credentials need "url"',
      'bitbucket-server credentials take no "pasword" (accepted: username, password, url)',
    ]);
    expect(problems.join(' ')).not.toContain('hunter2');
    expect(credentialProblems('jira', {})[0]).toMatch(/"jira" is not an integration type the API can create/);
  });
});

describe('http helpers', () => {
  it('encodes every interpolated path segment', () => {
    expect(apiPath`/v1/org/${'a/b?c'}/integrations/${'x y'}`).toBe('/v1/org/a%2Fb%3Fc/integrations/x%20y');
  });

  it('builds the User-Agent from the package and an optional suffix', () => {
    expect(userAgent()).toMatch(/^cdktf-snyk\/\d+\.\d+\.\d+$/);
    expect(userAgent(' terraform-provider-snyk ')).toMatch(/^cdktf-snyk\/\S+ terraform-provider-snyk$/);
  });
});
