import { SnykClient } from '../../../src/snyk';
import { UniversalBrokerClient } from '../../../src/snyk/universal-broker';
import { SnykStack } from './support';

/** The Universal Broker part of the emulator's state. */
export function ubState(stack: SnykStack): {
  installs: Array<{ id: string; clientId: string; clientSecrets: string[] }>;
  deployments: Array<{ id: string }>;
  credentials: Array<{ id: string }>;
  connections: Array<{ id: string; name: string; deploymentId: string; type: string }>;
  integrations: Array<{ id: string; orgId: string; connectionId: string }>;
} {
  return (stack.emulator.state() as unknown as { universalBroker: ReturnType<typeof ubState> }).universalBroker;
}

/** A client on the emulator, for changes made "outside Terraform". */
export function outsideClient(stack: SnykStack): UniversalBrokerClient {
  return new SnykClient({ token: stack.emulator.apiKey, apiUrl: stack.emulator.url }).universalBroker;
}

interface ShownResource {
  address: string;
  values: Record<string, unknown>;
  sensitive_values: Record<string, unknown>;
}

/** Every resource of the state as `terraform show -json` gives it, values and sensitivity. */
export async function shownResources(stack: SnykStack): Promise<Map<string, ShownResource>> {
  const shown = JSON.parse((await stack.workspace.mustTerraform(['show', '-json'])).stdout) as { values?: { root_module?: { resources?: ShownResource[] } } };
  return new Map((shown.values?.root_module?.resources ?? []).map((resource) => [resource.address, resource]));
}

/** Where a connection of the state lives, for the client. */
export function connectionRef(values: Record<string, unknown>): { tenantId: string; installId: string; deploymentId: string; connectionId: string } {
  return {
    tenantId: String(values.tenant_id),
    installId: String(values.app_install_id),
    deploymentId: String(values.broker_deployment_id),
    connectionId: String(values.id),
  };
}
