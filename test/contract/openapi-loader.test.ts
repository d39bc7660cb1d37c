import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SPEC_FILES, SpecName, responseExample, responseExamples, responseSchema, specAjv, templateOf, validateRequest, validateResponse } from './openapi';

/** Every (method, path, status) of a spec that has a response. */
function everyResponse(spec: SpecName): Array<[string, string, number]> {
  const text = readFileSync(SPEC_FILES[spec], 'utf8');
  const document = (spec === 'v1' ? parse(text) : JSON.parse(text)) as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => Object.keys(operation.responses ?? {}).map((status): [string, string, number] => [method.toUpperCase(), path, Number(status)])),
  );
}

/** The contract loader itself: both specs load from the repository, `$ref`s resolve, and response schemas are closed. */
describe('the OpenAPI loader', () => {
  const org = { id: 'o', name: 'n', slug: 's', url: 'u' };

  it('reads both specs from spec/snyk/ in the repository', () => {
    expect(SPEC_FILES.v1).toMatch(/spec[/\\]snyk[/\\]snyk-v1-openapi-subset\.yaml$/);
    expect(SPEC_FILES.rest).toMatch(/spec[/\\]snyk[/\\]snyk-rest-openapi-subset\.json$/);
    expect(readFileSync(SPEC_FILES.v1, 'utf8')).toContain("Subset of Snyk's published API v1 OpenAPI description");
  });

  it('reports v1 bodies that do not conform, operations and statuses the spec does not have', () => {
    expect(validateRequest('v1', 'POST', '/org', { groupId: 'g' })).not.toEqual([]);
    expect(validateRequest('v1', 'POST', '/org/{orgId}/integrations', { type: 'svn', credentials: { token: 't' } })).not.toEqual([]);
    expect(validateResponse('v1', 'GET', '/orgs', 200, { orgs: [{ id: 'x' }] })).not.toEqual([]);
    expect(validateResponse('v1', 'GET', '/orgs', 200, { orgs: [{ ...org, group: null }, { ...org, group: { id: 'g', name: 'G' } }] })).toEqual([]);
    expect(validateResponse('v1', 'GET', '/orgs', 200, { orgs: [{ ...org, group: 'g' }] })).not.toEqual([]);
    expect(validateResponse('v1', 'GET', '/nowhere', 200, {})).toEqual(['v1: GET /nowhere is not in the spec']);
    expect(validateResponse('v1', 'GET', '/orgs', 418, {})).toEqual(['v1: GET /orgs: status 418 is not in the spec']);
    expect(validateResponse('v1', 'POST', '/org/{orgId}/integrations/{integrationId}/authentication/switch-token', 200, { unexpected: true })).not.toEqual([]);
  });

  it('closes v1 response schemas: an undocumented field is a problem, at the top and nested', () => {
    expect(validateResponse('v1', 'POST', '/v1/org/{orgId}/integrations', 200, { id: 'i' })).toEqual([]);
    expect(validateResponse('v1', 'POST', '/v1/org/{orgId}/integrations', 200, { id: 'i', extra: 1 })).toEqual([expect.stringContaining('"unevaluatedProperty":"extra"')]);
    expect(validateResponse('v1', 'GET', '/orgs', 200, { orgs: [{ ...org, group: { id: 'g', name: 'G', extra: 1 } }] })).toEqual([
      expect.stringContaining('"unevaluatedProperty":"extra"'),
    ]);
  });

  it('leaves request schemas as published (open)', () => {
    expect(validateRequest('v1', 'POST', '/org', { name: 'n', extra: true })).toEqual([]);
  });

  it('loads the REST spec, resolving $refs to shared responses and schemas, closed where the spec is silent', () => {
    const self = { jsonapi: { version: '1.0' }, links: {}, data: { id: '55a348e2-c3ad-4bbc-b40e-9b232d1f4121', type: 'user', attributes: { name: 'n', username: 'u', email: 'e@example.com', avatar_url: 'https://snyk.io/avatar.png' } } };
    expect(validateResponse('rest', 'GET', '/rest/self', 200, self, { contentType: 'application/vnd.api+json' })).toEqual([]);
    expect(validateResponse('rest', 'GET', '/self', 200, { ...self, extra: 1 })).toEqual([expect.stringContaining('"unevaluatedProperty":"extra"')]);
    const notFound = { jsonapi: { version: '1.0' }, errors: [{ status: '404', detail: 'Not Found' }] };
    expect(validateResponse('rest', 'GET', '/orgs/{org_id}', 404, notFound)).toEqual([]);
    expect(validateResponse('rest', 'GET', '/orgs/{org_id}', 404, { errors: [{ status: 404, detail: 'Not Found' }] })).not.toEqual([]);
  });

  it('checks the headers the spec lists for a response, when given', () => {
    const renamed = { jsonapi: { version: '1.0' }, data: { id: '2f3c4d5e-6a7b-4c8d-9e0f-1a2b3c4d5e6f', type: 'org', attributes: { name: 'n', slug: 'n', is_personal: false } } };
    const patch = (headers: Record<string, string>) => validateResponse('rest', 'PATCH', '/orgs/{org_id}', 200, renamed, { headers });
    expect(patch({ 'snyk-request-id': '4b58e274-ec62-4fab-917b-1d2c48d6bdef', 'snyk-version-served': '2024-10-15' })).toEqual([]);
    expect(patch({ 'snyk-request-id': 'not-a-uuid' })).toEqual([expect.stringContaining('header snyk-request-id')]);
  });

  it('checks the media type when told the Content-Type', () => {
    const notFound = { jsonapi: { version: '1.0' }, errors: [{ status: '404', detail: 'Not Found' }] };
    expect(validateResponse('rest', 'GET', '/orgs/{org_id}', 404, notFound, { contentType: 'application/json' })).toEqual([expect.stringContaining('content type application/json is not in the spec')]);
    expect(validateResponse('v1', 'POST', '/org', 422, { message: 'm', errorRef: 'r' }, { contentType: 'application/json; charset=utf-8' })).toEqual([]);
  });

  it('gives the schema, the examples and the template of a call', () => {
    const schema = responseSchema('rest', 'PATCH', '/orgs/{org_id}', 200, 'application/vnd.api+json');
    expect(schema).toEqual(expect.objectContaining({ unevaluatedProperties: false }));
    expect(specAjv().compile(schema ?? {})({ jsonapi: { version: '1.0' }, renamed: true })).toBe(false);
    expect(responseSchema('rest', 'PATCH', '/orgs/{org_id}', 204)).toBeUndefined();
    expect(responseExamples('v1', 'POST', '/org/{orgId}/integrations', 200)).toEqual([{ id: '9a3e5d90-b782-468a-a042-9a2073736f0b' }]);
    expect(templateOf('rest', 'PATCH', '/rest/orgs/4a18d42f-0706-4ad0-b127-24078731fbed?version=2024-10-15')).toBe('/orgs/{org_id}');
    expect(templateOf('v1', 'GET', '/v1/org/o/integrations/github')).toBe('/org/{orgId}/integrations/{type}');
    expect(templateOf('v1', 'GET', '/v1/org/o/integrations/i/settings')).toBe('/org/{orgId}/integrations/{integrationId}/settings');
    expect(templateOf('rest', 'GET', '/rest/nowhere')).toBeUndefined();
  });

  it.each(['v1', 'rest'] as const)('compiles every response of the %s spec, whose example (given or built) passes it but for known quirks', (spec) => {
    const responses = everyResponse(spec);
    expect(responses.length).toBeGreaterThan(spec === 'v1' ? 15 : 100);
    const problems = responses.flatMap(([method, path, status]) => validateResponse(spec, method, path, status, responseExample(spec, method, path, status)?.body));
    // Snyk's own example for PUT settings spells useManualPatchRemediation, a field its schema does not have.
    const quirks = spec === 'v1' ? [expect.stringContaining('"unevaluatedProperty":"useManualPatchRemediation"')] : [];
    expect(problems).toEqual(quirks);
  });

  it('builds an example from property examples where the spec gives none for the response', () => {
    const built = responseExample('rest', 'GET', '/orgs/{org_id}', 200);
    expect(built).toEqual({ source: 'built', body: expect.objectContaining({ jsonapi: { version: '1.0' }, data: expect.objectContaining({ attributes: expect.objectContaining({ name: 'My Org', slug: 'my-org' }) }) }) });
    expect(responseExample('v1', 'POST', '/org/{orgId}/integrations', 200)).toEqual({ source: 'example', body: { id: '9a3e5d90-b782-468a-a042-9a2073736f0b' } });
  });

  it('lets a deviation through only where the allow-list names it, and only under its behaviour', () => {
    const post = (body: unknown, behaviors = {}) => validateResponse('v1', 'POST', '/org/{orgId}/integrations', 200, body, { behaviors });
    expect(post({ id: 'i', brokerToken: 't' })).toEqual([expect.stringContaining('"unevaluatedProperty":"brokerToken"')]);
    expect(post({ id: 'i', brokerToken: 't' }, { 'integration-post-broker-token': 'include' })).toEqual([]);
    expect(post({ id: 'i', broker_token: 't' }, { 'integration-post-broker-token': 'include' })).not.toEqual([]);

    const typeMap = (body: unknown) => validateResponse('v1', 'GET', '/org/{orgId}/integrations', 200, body);
    expect(typeMap({ github: 'a', 'docker-hub': 'b' })).toEqual([]);
    expect(typeMap({ github: 'a', 'docker-hubs': 'b' })).toEqual([expect.stringContaining('"unevaluatedProperty":"docker-hubs"')]);

    const settings = (assignment: unknown) => validateResponse('v1', 'GET', '/org/{orgId}/integrations/{integrationId}/settings', 200, { pullRequestAssignment: assignment });
    expect(settings('{"enabled":true}')).toEqual([]);
    expect(settings({ enabled: true, type: 'manual', assignees: ['a'] })).toEqual([]);
    expect(settings({ enabled: true, type: 'manual', assignee: ['a'] })).not.toEqual([]);
    expect(settings(42)).not.toEqual([]);
  });
});
