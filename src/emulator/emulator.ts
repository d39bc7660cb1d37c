import { randomUUID } from 'node:crypto';
import { createServer, RequestListener, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BehaviorListing, BehaviorName, BehaviorOverrides, BehaviorSet } from './behaviors';
import { EmulatorClock, systemClock } from './clock';
import { FaultInjector, FaultRule } from './faults';
import { EmulatorModel } from './model';
import { StatePersister, loadState } from './persistence';
import { RateLimiter } from './rate-limit';
import { RequestLog, RequestLogEntry } from './request-log';
import { EmulatorRequestHandler } from './server';
import { EmulatorState } from './state';
import { createUniversalBroker, UniversalBrokerOptions } from './universal-broker';

/** How to start the emulator. */
export interface EmulatorOptions extends UniversalBrokerOptions {
  /** Port to listen on. @default 0 (a free port) */
  port?: number;
  /**
   * Address to bind. The default binds loopback (127.0.0.1, and ::1 when the machine has it) and gives the URL as
   * `http://localhost:PORT`, since some of Snyk's tools refuse an IP-address host.
   * @default 'localhost'
   */
  host?: string;
  /** Key that requests must send as `Authorization: token <apiKey>` (or `bearer`). @default a random UUID */
  apiKey?: string;
  /** OAuth access tokens accepted as `Authorization: bearer <token>`, as a service account's would be. @default none */
  oauthTokens?: readonly string[];
  /** Where rate-limit windows read the time; tests pass a `ManualClock`. @default the system clock */
  clock?: EmulatorClock;
  /**
   * Length of the rate-limiting interval, and the `Retry-After` a 429 sends. Snyk's is one minute; tests that must reach
   * a 429 through a real client shorten it, so that nobody waits a minute (`N/min` then means N per interval).
   * @default 60000
   */
  rateLimitWindowMs?: number;
  /** JSON file the state is persisted to after every change, and loaded from at start when it exists. */
  stateFile?: string;
  /** Faults in force from the start. */
  faults?: FaultRule[];
  /** Seeds the random source of `fraction` faults, so tests are repeatable. */
  seed?: number;
  /** Behaviours where Snyk's documentation is silent (see `docs/emulator.md`); the rest keep their defaults. */
  behaviors?: BehaviorOverrides;
}

/** A running emulator and the test hooks around it. */
export interface RunningEmulator {
  /** The API root, e.g. 'http://localhost:41234' (serves /v1/... and /rest/...). */
  readonly url: string;
  readonly apiKey: string;
  /** The OAuth access tokens accepted as bearer tokens. */
  readonly oauthTokens: readonly string[];
  /** The id of the first group, which a fresh emulator creates with one org in it. */
  readonly defaultGroupId: string;
  /** The tenant of the default group (and of every group no other tenant claims); the emulator's key is its Tenant Admin. */
  readonly defaultTenantId: string;
  /** Stops listening, drops open connections and waits for the last state write. */
  close(): Promise<void>;
  /** The calls made to Snyk paths so far (admin calls excluded). */
  requests(): RequestLogEntry[];
  clearRequests(): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** A deep copy of the whole model. */
  state(): EmulatorState;
  createGroup(name: string): { id: string };
  createOrg(groupId: string, name: string): { id: string; slug: string };
  /** Gives the org a project, so that deleting it is refused (409). */
  addProject(orgId: string): void;
  /** Changes some behaviours (all or none; throws naming the accepted values). */
  setBehaviors(overrides: BehaviorOverrides): void;
  /** Puts every behaviour back to its default. */
  resetBehaviors(): void;
  /** Every behaviour with its current value, default and accepted values. */
  behaviors(): Record<BehaviorName, BehaviorListing>;
}

/** Starts a Snyk API emulator on loopback (by default) and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const apiKey = options.apiKey ?? randomUUID();
  const behaviors = new BehaviorSet(options.behaviors);
  const state = loadState(options.stateFile);
  const model = new EmulatorModel(state, behaviors);
  const universalBroker = createUniversalBroker(state, model, behaviors, apiKey, options);
  const faults = new FaultInjector(options.seed);
  (options.faults ?? []).forEach((rule) => faults.add(rule));
  const log = new RequestLog();
  const persister = new StatePersister(options.stateFile, () => model.snapshot());
  await persister.save();
  const oauthTokens = [...(options.oauthTokens ?? [])];
  const rateLimiter = new RateLimiter(behaviors, options.clock ?? systemClock, options.rateLimitWindowMs);
  const handler = new EmulatorRequestHandler({ model, faults, log, behaviors, universalBroker }, { apiKey, oauthTokens }, persister, rateLimiter);
  const host = options.host ?? LOCALHOST;
  const { servers, port } = await listenOn(handler.listener, host, options.port ?? 0);
  const persistInBackground = (): void => {
    persister.save().catch(() => undefined);
  };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    apiKey,
    oauthTokens,
    defaultGroupId: model.defaultGroupId,
    defaultTenantId: universalBroker.data.defaultTenantId,
    close: async () => {
      handler.cancelDelays();
      await Promise.all(servers.map(closeServer));
      await persister.idle();
    },
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    state: () => model.snapshot(),
    createGroup: (name) => {
      const group = model.createGroup(name);
      persistInBackground();
      return { id: group.id };
    },
    createOrg: (groupId, name) => {
      model.group(groupId);
      const org = model.createOrg({ name, groupId });
      persistInBackground();
      return { id: org.id, slug: org.slug };
    },
    addProject: (orgId) => {
      model.addProject(orgId);
      persistInBackground();
    },
    setBehaviors: (overrides) => behaviors.apply(overrides),
    resetBehaviors: () => behaviors.reset(),
    behaviors: () => behaviors.list(),
  };
}

const LOCALHOST = 'localhost';
const LOOPBACK_V4 = '127.0.0.1';
const LOOPBACK_V6 = '::1';
const PORT_ATTEMPTS = 5;

/**
 * Listens on `host`; for 'localhost', on 127.0.0.1 and (when the machine has IPv6 loopback) on ::1 with the same port,
 * so `localhost` reaches the emulator whichever address a client resolves it to, and nothing else can.
 */
async function listenOn(listener: RequestListener, host: string, port: number): Promise<{ servers: Server[]; port: number }> {
  if (host !== LOCALHOST) {
    const server = createServer(listener);
    await listen(server, port, host);
    return { servers: [server], port: (server.address() as AddressInfo).port };
  }
  for (let attempt = 1; ; attempt += 1) {
    const v4 = createServer(listener);
    await listen(v4, port, LOOPBACK_V4);
    const chosen = (v4.address() as AddressInfo).port;
    const v6 = createServer(listener);
    const problem = await listen(v6, chosen, LOOPBACK_V6).then(
      () => undefined,
      (error: NodeJS.ErrnoException) => error.code,
    );
    if (problem === undefined) {
      return { servers: [v4, v6], port: chosen };
    }
    if (problem !== 'EADDRINUSE' || port !== 0 || attempt >= PORT_ATTEMPTS) {
      // No IPv6 loopback here (or the port was asked for): 127.0.0.1 alone; localhost resolves to it.
      return { servers: [v4], port: chosen };
    }
    await closeServer(v4);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
