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

  it('names missing and unknown fields from field names alone', () => {
    expect(credentialProblems('github', ['token'])).toEqual([]);
    expect(credentialProblems('gitlab', ['token'])).toEqual([]);
    const problems = credentialProblems('bitbucket-server', ['username', 'pasword']);
    const accepted = '(accepted: username (required), password (required), url (required))';
    expect(problems).toEqual([
      { field: 'password', kind: 'missing', message: `bitbucket-server credentials need "password" ${accepted}` },
      { field: 'url', kind: 'missing', message: `bitbucket-server credentials need "url" ${accepted}` },
      { field: 'pasword', kind: 'unknown-field', message: `bitbucket-server credentials take no "pasword" ${accepted}` },
    ]);
    expect(credentialProblems('jira', [])[0]).toMatchObject({ field: 'type', kind: 'unknown-type' });
    expect(credentialProblems('jira', [])[0].message).toMatch(/"jira" is not an integration type the API can create/);
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
