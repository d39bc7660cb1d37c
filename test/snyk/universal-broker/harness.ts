import { EmulatorOptions, RunningEmulator, startEmulator } from '../../../src/emulator';
import { DEFAULT_BROKER_APP_ID, SnykClient, UniversalBrokerClient } from '../../../src/snyk';

/** An emulator and a client's Universal Broker calls on it, fresh for each test. */
export interface UbHarness {
  emulator: RunningEmulator;
  client: SnykClient;
  ub: UniversalBrokerClient;
  /** The Universal Broker calls with another key. */
  ubWithKey(key: string): UniversalBrokerClient;
  orgId: string;
  tenantId: string;
}

const NO_RETRY_WAITS = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxTotalMs: 10_000 };

export function useUbHarness(options: EmulatorOptions = {}): () => UbHarness {
  let harness: UbHarness | undefined;
  beforeEach(async () => {
    const emulator = await startEmulator(options);
    const clientFor = (token: string) => new SnykClient({ token, apiUrl: emulator.url, retry: NO_RETRY_WAITS });
    const client = clientFor(emulator.apiKey);
    const orgId = emulator.state().orgs[0]?.id as string;
    harness = { emulator, client, ub: client.universalBroker, ubWithKey: (key) => clientFor(key).universalBroker, orgId, tenantId: emulator.defaultTenantId };
  });
  afterEach(async () => {
    await harness?.emulator.close();
    harness = undefined;
  });
  return () => {
    if (harness === undefined) {
      throw new Error('the harness runs only inside a test');
    }
    return harness;
  };
}

/** Install + deployment, through the client. */
export async function installAndDeploy(h: UbHarness) {
  const install = await h.ub.installApp(h.orgId, DEFAULT_BROKER_APP_ID);
  const deployment = await h.ub.createDeployment(h.tenantId, install.id, { appInstalledInOrgId: h.orgId, metadata: { deployment_name: 'ci' } });
  return { install, deployment, ref: { tenantId: h.tenantId, installId: install.id, deploymentId: deployment.id } };
}
