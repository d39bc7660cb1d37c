import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorOptions, RunningEmulator, startEmulator } from '../../src/emulator';

/** A response as the tests look at it. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Authorization header value; the emulator's key by default, null for none. */
  authorization?: string | null;
  contentType?: string;
}

export const REST_VERSION = '2024-10-15';
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Calls the emulator over real HTTP. */
export async function call(emulator: RunningEmulator, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const authorization = options.authorization === undefined ? `token ${emulator.apiKey}` : options.authorization;
  if (authorization !== null) {
    headers.authorization = authorization;
  }
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? (path.startsWith('/rest/') ? 'application/vnd.api+json' : 'application/json');
  }
  const response = await fetch(`${emulator.url}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text), text };
}

/** The body as a given shape, for reading fields in tests. */
export function bodyOf<T>(response: ApiResponse): T {
  return response.body as T;
}

/** Starts an emulator before each test and closes it after; `current()` returns it. */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeEach(async () => {
    emulator = await startEmulator(options);
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  return () => {
    if (emulator === undefined) {
      throw new Error('the emulator runs only inside a test');
    }
    return emulator;
  };
}

/** A temporary directory removed after each test. */
export function useTempDir(): () => string {
  let dir: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-emulator-'));
  });
  afterEach(() => {
    if (dir !== undefined) {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return () => dir as string;
}

/** The id of the org a fresh emulator starts with. */
export function defaultOrgId(emulator: RunningEmulator): string {
  const org = emulator.state().orgs[0];
  if (org === undefined) {
    throw new Error('no default org');
  }
  return org.id;
}

/**
 * Adds an integration and returns its id and, when brokered, its token: from the POST answer when it has one, else
 * from `PUT` enable-broker, as Snyk's spec hands it out.
 */
export async function addIntegration(
  emulator: RunningEmulator,
  orgId: string,
  body: { type: string; broker?: { enabled: boolean }; credentials?: Record<string, string> },
): Promise<{ id: string; brokerToken?: string }> {
  const response = await call(emulator, 'POST', `/v1/org/${orgId}/integrations`, { body });
  if (response.status !== 200) {
    throw new Error(`adding an integration answered ${response.status}: ${response.text}`);
  }
  const added = response.body as { id: string; brokerToken?: string };
  if (body.broker?.enabled !== true || added.brokerToken !== undefined) {
    return added;
  }
  const enabled = await call(emulator, 'PUT', `/v1/org/${orgId}/integrations/${added.id}`, { body: { type: body.type, broker: { enabled: true } } });
  if (enabled.status !== 200) {
    throw new Error(`enabling the broker answered ${enabled.status}: ${enabled.text}`);
  }
  return enabled.body as { id: string; brokerToken: string };
}

/** Where an integration lives. */
export interface Member {
  orgId: string;
  integrationId: string;
}

/** The provision-token or switch-token path of an integration. */
export const authPath = (member: Member, action: 'provision-token' | 'switch-token'): string =>
  `/v1/org/${member.orgId}/integrations/${member.integrationId}/authentication/${action}`;

/** The token family an integration belongs to, from the emulator's state. */
export function familyOf(emulator: RunningEmulator, integrationId: string) {
  const state = emulator.state();
  const familyId = state.integrations.find((integration) => integration.id === integrationId)?.tokenFamilyId;
  return state.tokenFamilies.find((family) => family.id === familyId);
}

export const BROKERED_GITHUB = { type: 'github', broker: { enabled: true } };
export const GITHUB_WITH_TOKEN = { type: 'github', credentials: { token: 'github-secret-token' } };
