import { randomUUID } from 'node:crypto';
import type { UniversalBrokerState } from './universal-broker/state';

/** Version of the persisted state format; a file with another version is refused rather than misread. */
export const STATE_VERSION = 1;

/** A Snyk group: orgs in the same group may share integrations and Broker tokens. */
export interface GroupRecord {
  id: string;
  name: string;
  created: string;
}

/** A Snyk organization. `groupId` is null for a personal org. */
export interface OrgRecord {
  id: string;
  name: string;
  slug: string;
  groupId: string | null;
  created: string;
  /** How many projects the org has; an org with projects cannot be deleted. */
  projects: number;
}

/** Integration settings as Snyk returns them (`/settings`). */
export type IntegrationSettings = Record<string, unknown>;

/** An SCM or registry integration of one org (at most one per type per org). */
export interface IntegrationRecord {
  id: string;
  orgId: string;
  type: string;
  /** Set while the integration is brokered: the family whose token it uses. Null when not brokered. */
  tokenFamilyId: string | null;
  /** The credentials of an unbrokered integration; null once deleted or never given. */
  credentials: Record<string, string> | null;
  settings: IntegrationSettings;
  /** The settings a PUT has set (the others hold defaults); absent in state files written before it was kept. */
  explicitSettings?: string[];
}

/** Integrations that share one classic Broker token (through clone or `sourceOrgId`). */
export interface TokenFamilyRecord {
  id: string;
  token: string;
  /** Issued by provision-token and promoted by switch-token. */
  provisionalToken: string | null;
}

/** The identity behind the API key, answered by `GET /rest/self`. */
export interface UserRecord {
  id: string;
  name: string;
}

/** The whole emulated world; also the format of the persisted state file (plain JSON). */
export interface EmulatorState {
  version: typeof STATE_VERSION;
  user: UserRecord;
  groups: GroupRecord[];
  orgs: OrgRecord[];
  integrations: IntegrationRecord[];
  tokenFamilies: TokenFamilyRecord[];
  /** Tenants, app installs, deployments, credentials, connections; absent in files written before Universal Broker. */
  universalBroker?: UniversalBrokerState;
}

/** A fresh world: one group holding one org, as a new Snyk account would have. */
export function initialState(): EmulatorState {
  const created = new Date().toISOString();
  const group: GroupRecord = { id: randomUUID(), name: 'Emulated Group', created };
  const org: OrgRecord = { id: randomUUID(), name: 'Emulated Org', slug: 'emulated-org', groupId: group.id, created, projects: 0 };
  return {
    version: STATE_VERSION,
    user: { id: randomUUID(), name: 'Emulator Service Account' },
    groups: [group],
    orgs: [org],
    integrations: [],
    tokenFamilies: [],
  };
}

/** Checks the shape of state read from a file; the message never quotes the file, which holds tokens. */
export function parseState(text: string, source: string): EmulatorState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`emulator state file ${source} is not valid JSON`);
  }
  if (!isStateShaped(parsed)) {
    throw new Error(`emulator state file ${source} is not a version ${STATE_VERSION} emulator state`);
  }
  return parsed;
}

function isStateShaped(value: unknown): value is EmulatorState {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<Record<keyof EmulatorState, unknown>>;
  const user = candidate.user as Partial<UserRecord> | undefined;
  return (
    candidate.version === STATE_VERSION &&
    typeof user?.id === 'string' &&
    [candidate.groups, candidate.orgs, candidate.integrations, candidate.tokenFamilies].every(Array.isArray)
  );
}
