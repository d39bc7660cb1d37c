import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BehaviorListing, BehaviorName, BehaviorOverrides, BehaviorSet } from './behaviors';
import { FaultInjector, FaultRule } from './faults';
import { EmulatorModel } from './model';
import { StatePersister, loadState } from './persistence';
import { RequestLog, RequestLogEntry } from './request-log';
import { EmulatorRequestHandler } from './server';
import { EmulatorState } from './state';

/** How to start the emulator. */
export interface EmulatorOptions {
  /** Port to listen on. @default 0 (a free port) */
  port?: number;
  /** Address to bind. @default '127.0.0.1' */
  host?: string;
  /** Key that requests must send as `Authorization: token <apiKey>`. @default a random UUID */
  apiKey?: string;
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
  /** The API root, e.g. 'http://127.0.0.1:41234' (serves /v1/... and /rest/...). */
  readonly url: string;
  readonly apiKey: string;
  /** The id of the first group, which a fresh emulator creates with one org in it. */
  readonly defaultGroupId: string;
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
  const model = new EmulatorModel(loadState(options.stateFile), behaviors);
  const faults = new FaultInjector(options.seed);
  (options.faults ?? []).forEach((rule) => faults.add(rule));
  const log = new RequestLog();
  const persister = new StatePersister(options.stateFile, () => model.snapshot());
  await persister.save();
  const handler = new EmulatorRequestHandler({ model, faults, log, behaviors }, apiKey, persister);
  const server = createServer(handler.listener);
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const persistInBackground = (): void => {
    persister.save().catch(() => undefined);
  };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    apiKey,
    defaultGroupId: model.defaultGroupId,
    close: async () => {
      handler.cancelDelays();
      await closeServer(server);
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
