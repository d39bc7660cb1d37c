import { INTEGRATION_TYPES } from '../../src/snyk/integration-types';

/**
 * Known deviations of the emulator's answers from Snyk's published spec: the ONLY way a response check in
 * `openapi.ts` lets an undocumented field through or a required one be missing. Each entry says why it is there.
 * An entry with `behavior` applies only while the emulator runs with that behaviour value (a non-default value that
 * imitates an undocumented way Snyk might answer); entries without one apply to the emulator's default answers, so
 * each of those is a place where the default is knowingly not spec-true.
 */
export interface KnownDeviation {
  spec: 'v1' | 'rest';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The spec's path template, without the `/v1` or `/rest` prefix. */
  path: string;
  status: number;
  /** JSON pointer of the field in the body; `*` stands for one segment (an array index, a key). */
  field: string;
  /**
   * `undocumented`: the answer has a field the spec does not list; `missing`: it lacks one the spec requires;
   * `null`: it is null where the spec does not allow null; `type`: it has another type than the spec's, and then
   * `shape` says exactly what it may be instead.
   */
  problem: 'undocumented' | 'missing' | 'null' | 'type';
  /** For `type`: the JSON Schema the field's value must match instead of the spec's (closed, so it still bites). */
  shape?: Record<string, unknown>;
  /** `name=value` of the emulator behaviour under which this deviation is expected. */
  behavior?: string;
  why: string;
}

/** The integration types the type map of Snyk's spec example lists; its schema has no others. */
const TYPES_IN_THE_SPEC = ['github', 'gitlab', 'bitbucket-cloud'];

export const KNOWN_DEVIATIONS: readonly KnownDeviation[] = [
  // The type map's schema lists the three types of its example as properties, but the map has one key per type the org
  // has (Snyk's v1 docs: "a list of integrations ... for the organization"), so every other type Snyk supports may
  // appear. Only real type names pass: a renamed or made-up key still fails.
  ...Object.keys(INTEGRATION_TYPES)
    .filter((type) => !TYPES_IN_THE_SPEC.includes(type))
    .map(
      (type): KnownDeviation => ({
        spec: 'v1',
        method: 'GET',
        path: '/org/{orgId}/integrations',
        status: 200,
        field: `/${type}`,
        problem: 'undocumented',
        why: 'the spec types the map by its example (github, gitlab, bitbucket-cloud); an org may have any supported type',
      }),
    ),
  {
    spec: 'v1',
    method: 'POST',
    path: '/org',
    status: 201,
    field: '/group',
    problem: 'null',
    why: "An org created without groupId (a personal org) has no group. The spec's Createaneworganizationresponse requires a group object; GET /v1/orgs in the same spec types group as nullable for such orgs, so the emulator answers null the same way [unconfirmed].",
  },
  ...['/code', '/error'].map(
    (field): KnownDeviation => ({
      spec: 'v1',
      method: 'POST',
      path: '/org',
      status: 401,
      field,
      problem: 'undocumented',
      why: "A missing or wrong API key gets the v1 401 body Snyk documents for every call, {code: 401, error, message}; the spec's 401 for POST /org ({message, errorRef}, example \"You must have the required permissions to add an org\") describes a key without the permission, which the emulator does not model.",
    }),
  ),
  ...(['GET', 'PUT'] as const).map(
    (method): KnownDeviation => ({
      spec: 'v1',
      method,
      path: '/org/{orgId}/integrations/{integrationId}/settings',
      status: 200,
      field: '/pullRequestAssignment',
      problem: 'type',
      shape: {
        type: 'object',
        properties: { enabled: { type: 'boolean' }, type: { enum: ['auto', 'manual'] }, assignees: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
      why: "The v1 spec types pullRequestAssignment as a string (its example is JSON text), but Snyk's API Blueprint and Snyk's own client types send an object {enabled, type, assignees}; the emulator answers the shape the client set [unconfirmed which one Snyk answers].",
    }),
  ),
  {
    spec: 'v1',
    method: 'POST',
    path: '/org/{orgId}/integrations',
    status: 200,
    field: '/brokerToken',
    problem: 'undocumented',
    behavior: 'integration-post-broker-token=include',
    why: "The spec's Addnewintegrationresponse is {id} only; this behaviour imitates a Snyk that also returns the token of a brokered integration (what this project assumed before checking the spec), so the provider is tested both ways.",
  },
  {
    spec: 'v1',
    method: 'PUT',
    path: '/org/{orgId}/integrations/{integrationId}',
    status: 200,
    field: '/brokerToken',
    problem: 'missing',
    behavior: 'integration-put-answer=id',
    why: "The spec has one answer, {id, brokerToken} both required, for all three kinds of PUT; for a credentials update or a broker disable a token makes no sense, so this behaviour imitates a Snyk that answers {id} only [unconfirmed].",
  },
];
