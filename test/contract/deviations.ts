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
  /** `undocumented`: the answer has a field the spec does not list; `missing`: it lacks one the spec requires. */
  problem: 'undocumented' | 'missing';
  /** `name=value` of the emulator behaviour under which this deviation is expected. */
  behavior?: string;
  why: string;
}

export const KNOWN_DEVIATIONS: readonly KnownDeviation[] = [
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
];
