/**
 * Every point where Snyk's documentation is silent (or where this project had to guess) is a named behaviour of the
 * emulator with a small set of values. The first value is the default: Snyk's published spec where it speaks, else
 * the behaviour that is hardest for a client. Tests and users switch them to prove that code is safe either way.
 */

/** One row of the behaviour table. */
export interface BehaviorDefinition {
  /** The accepted values, default first. A value written `N/min` stands for any positive integer N. */
  readonly values: readonly string[];
  /** One line: what the behaviour governs. */
  readonly doc: string;
  /** One line per value: what the emulator does under it. */
  readonly valueDocs: Readonly<Record<string, string>>;
}

const STATUS = (what: string) => (status: string) => `${what} answers ${status}`;

function statusBehavior<const V extends readonly string[]>(values: V, doc: string, what: string) {
  const describe = STATUS(what);
  return { values, doc, valueDocs: Object.fromEntries(values.map((value) => [value, describe(value)])) };
}

/** The behaviour table; `docs/emulator.md` lists the same rows (a test keeps them in step). */
export const BEHAVIOR_TABLE = {
  'integration-post-broker-token': {
    values: ['omit', 'include'],
    doc: 'Whether `POST /v1/org/{orgId}/integrations` with `broker.enabled: true` answers the new Broker token.',
    valueDocs: {
      omit: "`{id}` only, as Snyk's v1 spec says; the token comes from `PUT` enable-broker",
      include: '`{id, brokerToken}`',
    },
  },
  'broker-reenable': {
    values: ['new-token', 'same-token', 'refuse'],
    doc: '`PUT` with `broker.enabled: true` on an integration that is already brokered (undocumented).',
    valueDocs: {
      'new-token': 'mints a fresh token for the whole token family (every broker client of the old one is cut off) and answers it',
      'same-token': 'answers the token in use, unchanged',
      refuse: 'answers 409: the broker is already enabled',
    },
  },
  'provision-conflict-status': statusBehavior(
    ['409', '400', '422'],
    'Status of provision-token when a provisional token is already outstanding.',
    'provision-token with a provisional token outstanding',
  ),
  'provision-conflict-scope': {
    values: ['family', 'group'],
    doc: 'Where "already has a provisional token" is counted for provision-token.',
    valueDocs: {
      family: 'one outstanding provisional token per token family (integrations sharing a token)',
      group: 'one outstanding provisional token per Snyk group: any family of any org of the group blocks the others',
    },
  },
  'switch-without-provisional-status': statusBehavior(
    ['409', '400', '404'],
    'Status of switch-token when no provisional token is outstanding.',
    'switch-token without a provisional token',
  ),
  'integration-by-type-missing-status': statusBehavior(
    ['404', '400'],
    'Status of `GET /v1/org/{orgId}/integrations/{type}` when the org has no integration of that type.',
    'a read by a type the org does not have',
  ),
  'org-delete-with-projects-status': statusBehavior(
    ['409', '400', '422'],
    'Status of `DELETE /v1/org/{orgId}` for an org that has projects.',
    'deleting an org with projects',
  ),
  'integration-duplicate-type-status': statusBehavior(
    ['409', '400', '422'],
    'Status of `POST` integration (or clone) into an org that already has an integration of that type.',
    'adding or cloning a type the org already has',
  ),
  'credentials-on-brokered-status': statusBehavior(
    ['400', '409', '422'],
    '`PUT` integration with credentials only (no `broker`) on a brokered integration.',
    'a credentials update on a brokered integration',
  ),
  'disable-without-credentials-status': statusBehavior(
    ['400', '422'],
    '`PUT` integration with `broker.enabled: false` and no credentials.',
    'disabling the broker without credentials',
  ),
  'clone-across-groups-status': statusBehavior(
    ['400', '403', '422'],
    'Status of clone when the destination org is in another group (or the source is a personal org).',
    'a clone to another group',
  ),
  'integration-put-answer': {
    values: ['id-and-token', 'id'],
    doc: "Answer of `PUT` integration for a credentials update or a broker disable (Snyk's spec has one schema, `{id, brokerToken}` required, for all three kinds of PUT).",
    valueDocs: {
      'id-and-token': "`{id, brokerToken}` as the spec requires, with a token that belongs to nothing (a client must not keep it)",
      id: '`{id}` only',
    },
  },
  'credentials-empty-string': {
    values: ['accept', 'reject'],
    doc: "Empty-string credential fields when disabling the broker (Snyk's own Universal Broker CLI disables a broker that way).",
    valueDocs: {
      accept: 'disabling the broker takes credentials whose fields are empty strings, and stores them as sent',
      reject: 'an empty string counts as a missing field: 400 naming it',
    },
  },
  'settings-unknown-key': {
    values: ['reject', 'ignore'],
    doc: '`PUT .../settings` with a key Snyk does not document.',
    valueDocs: {
      reject: '400 naming the key',
      ignore: 'drops the key silently and applies the rest',
    },
  },
  'settings-get-omits-unset': {
    values: ['no', 'yes'],
    doc: 'Whether `GET .../settings` lists settings nobody has set.',
    valueDocs: {
      no: 'every setting with its value, defaults included',
      yes: 'only the settings that a PUT set (a new integration answers `{}`)',
    },
  },
  'rate-limit': {
    values: ['off', 'snyk', 'N/min'],
    doc: 'Per-key request limits; past the limit every call gets 429 until a full minute passes with no calls.',
    valueDocs: {
      off: 'no limit',
      snyk: 'v1 2,000 calls/min and REST 1,620 calls/min per key, as Snyk documents',
      'N/min': 'N calls/min per key for v1 and for REST (for tests)',
    },
  },
  'retry-after-header': {
    values: ['send', 'omit'],
    doc: 'Whether a rate-limit 429 carries `Retry-After` (seconds until the window ends).',
    valueDocs: {
      send: 'sends `Retry-After`',
      omit: 'sends none (Snyk documents it only on some REST calls)',
    },
  },
  'api-key-auth': {
    values: ['accept', 'reject'],
    doc: '`Authorization: token <API key>` (SNYK-GOV-01 has no API keys, only OAuth bearer tokens).',
    valueDocs: {
      accept: 'the API key works as `token` or `bearer`',
      reject: 'only configured OAuth tokens (`bearer`) are accepted; the API key gets 401, as on SNYK-GOV-01',
    },
  },
  'ub-forbidden-status': statusBehavior(
    ['403', '401', '404'],
    "Status of a Universal Broker call by a key without the tenant role it needs (Snyk's spec declares 403 only on org-integration calls, 401 on the rest).",
    'a Universal Broker call without the needed tenant role',
  ),
  'ub-delete-in-use-status': statusBehavior(
    ['409', '400'],
    'Status of a Universal Broker delete that breaks the documented order (a connection with integrations, a credential reference in use, a deployment with connections or credentials, an app install with deployments).',
    'a delete out of the documented order',
  ),
  'ub-links-next': {
    values: ['relative', 'rest-path'],
    doc: 'How Universal Broker lists write `links.next` (and `self`, `prev`).',
    valueDocs: {
      relative: 'a path relative to the REST root, without `/rest` (`/tenants/...?version=...&starting_after=...`)',
      'rest-path': 'a path from the API root, with `/rest`',
    },
  },
  'ub-credential-readback': {
    values: ['env-var', 'id'],
    doc: "How a connection's credential fields read back (written as credential reference ids).",
    valueDocs: {
      'env-var': '`"${ENV_VAR_NAME}"` of the credential reference, as Snyk\'s API guide shows',
      id: 'the credential reference id, as written',
    },
  },
  'ub-max-client-secrets': {
    values: ['2', 'unlimited'],
    doc: 'How many client secrets an app install may hold at once (`secrets` with mode `create`; Snyk does not say).',
    valueDocs: {
      '2': 'a `create` beyond two secrets answers 409: delete the old one first (room for exactly one zero-downtime rotation)',
      unlimited: 'every `create` adds a secret',
    },
  },
  'ub-bulk-migration': {
    values: ['deferred', 'immediate'],
    doc: 'When a bulk migration (`POST .../bulk_migration`) moves its orgs: Snyk runs it asynchronously and says to check progress by listing the connection\'s integrations.',
    valueDocs: {
      deferred: 'answers `pending` and moves the orgs when the connection\'s integrations are next listed',
      immediate: 'moves the orgs before answering `pending`',
    },
  },
  'ub-integrate-existing-type': {
    values: ['adopt', 'refuse'],
    doc: 'Org integration POST without `integration_id` when the org already has an integration of that type (e.g. a classic brokered one).',
    valueDocs: {
      adopt: 'moves that integration onto the connection (it leaves its classic token family)',
      refuse: 'answers 409 asking for `integration_id`',
    },
  },
} as const satisfies Record<string, BehaviorDefinition>;

type Table = typeof BEHAVIOR_TABLE;

/** The name of a switchable behaviour. */
export type BehaviorName = keyof Table;

/** The values a behaviour accepts (`rate-limit` also takes any `N/min`). */
export type BehaviorValue<N extends BehaviorName> = N extends 'rate-limit' ? 'off' | 'snyk' | `${number}/min` : Table[N]['values'][number];

/** A value for every behaviour. */
export type BehaviorSettings = { -readonly [N in BehaviorName]: BehaviorValue<N> };

/** Some behaviours to change; the rest keep their value. */
export type BehaviorOverrides = Partial<BehaviorSettings>;

/** A behaviour as `GET /_emulator/behaviors` lists it. */
export interface BehaviorListing {
  value: string;
  default: string;
  accepted: readonly string[];
  doc: string;
}

export const BEHAVIOR_NAMES = Object.keys(BEHAVIOR_TABLE) as BehaviorName[];

const PER_MINUTE = /^([1-9]\d{0,8})\/min$/;

/** The defaults: the first value of every row. */
export function defaultBehaviors(): BehaviorSettings {
  return Object.fromEntries(BEHAVIOR_NAMES.map((name) => [name, BEHAVIOR_TABLE[name].values[0]])) as BehaviorSettings;
}

function isBehaviorName(name: string): name is BehaviorName {
  return Object.prototype.hasOwnProperty.call(BEHAVIOR_TABLE, name);
}

function acceptsValue(name: BehaviorName, value: string): boolean {
  const values: readonly string[] = BEHAVIOR_TABLE[name].values;
  return (values.includes(value) && value !== 'N/min') || (name === 'rate-limit' && PER_MINUTE.test(value));
}

/**
 * Checks a set of overrides (e.g. a JSON body) and returns the settings as strings, or a list of problems that name
 * the accepted names and values. Status values may be given as numbers.
 */
export function parseBehaviorOverrides(input: unknown): { ok: true; overrides: BehaviorOverrides } | { ok: false; problems: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: ['behaviours must be a JSON object of NAME: VALUE'] };
  }
  const problems: string[] = [];
  const overrides: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input)) {
    const value = typeof raw === 'number' ? String(raw) : raw;
    if (!isBehaviorName(name)) {
      problems.push(`unknown behaviour "${name}"; known: ${BEHAVIOR_NAMES.join(', ')}`);
    } else if (typeof value !== 'string' || !acceptsValue(name, value)) {
      problems.push(`behaviour "${name}" takes ${BEHAVIOR_TABLE[name].values.join(' | ')}, not ${JSON.stringify(raw)}`);
    } else {
      overrides[name] = value;
    }
  }
  return problems.length === 0 ? { ok: true, overrides: overrides as BehaviorOverrides } : { ok: false, problems };
}

/** Parses `NAME=VALUE` as the CLI's `--behavior` takes it. */
export function parseBehaviorAssignment(text: string): { name: string; value: string } {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new Error(`"${text}" is not NAME=VALUE; known behaviours: ${BEHAVIOR_NAMES.join(', ')}`);
  }
  return { name: text.slice(0, equals).trim(), value: text.slice(equals + 1).trim() };
}

/** The behaviours in force in one emulator. */
export class BehaviorSet {
  private current: BehaviorSettings = defaultBehaviors();

  constructor(initial: BehaviorOverrides = {}) {
    this.apply(initial);
  }

  /** The value of one behaviour. */
  get<N extends BehaviorName>(name: N): BehaviorValue<N> {
    return this.current[name] as BehaviorValue<N>;
  }

  /** A status behaviour as a number. */
  status(name: BehaviorName): number {
    return Number(this.current[name]);
  }

  /** Changes some behaviours, all or none: throws with every problem when one name or value is not accepted. */
  apply(overrides: unknown): void {
    const parsed = parseBehaviorOverrides(overrides);
    if (!parsed.ok) {
      throw new Error(parsed.problems.join('; '));
    }
    this.current = { ...this.current, ...parsed.overrides };
  }

  /** Back to the defaults. */
  reset(): void {
    this.current = defaultBehaviors();
  }

  /** Every behaviour: its value, default, accepted values and doc. */
  list(): Record<BehaviorName, BehaviorListing> {
    const listing = (name: BehaviorName): BehaviorListing => {
      const row: BehaviorDefinition = BEHAVIOR_TABLE[name];
      return { value: this.current[name], default: row.values[0] as string, accepted: row.values, doc: row.doc };
    };
    return Object.fromEntries(BEHAVIOR_NAMES.map((name) => [name, listing(name)])) as Record<BehaviorName, BehaviorListing>;
  }

  /** The current values only. */
  values(): BehaviorSettings {
    return { ...this.current };
  }
}
