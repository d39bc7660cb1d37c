// Using the Snyk API client on its own: list orgs, enable the broker on a GitHub Enterprise integration,
// and share its Broker token with a second org by cloning the integration.
// Run against the emulator:  npx cdktf-snyk emulator --port 0   (then export the two variables it prints)
import { SnykClient } from '../../src/snyk';

export async function shareBrokerToken(env: NodeJS.ProcessEnv = process.env): Promise<{ platformOrgId: string; teamOrgId: string }> {
  // Reads SNYK_TOKEN, and SNYK_API_URL or SNYK_REGION, like the provider does.
  const client = new SnykClient({ token: env.SNYK_TOKEN ?? '', apiUrl: env.SNYK_API_URL, region: env.SNYK_REGION });

  const [first] = await client.listOrgs();
  const groupId = first.groupId;
  const platform = await client.createOrg({ name: 'platform', groupId });
  const team = await client.createOrg({ name: 'team-a', groupId });

  const integration = await client.addIntegration(platform.id, { type: 'github-enterprise', broker: true });
  // The token is returned only now: keep it somewhere secret (the provider keeps it in state as a sensitive value).
  console.log(`brokered github-enterprise ${integration.id}, token ${integration.brokerToken ? '(received)' : '(none)'}`);

  const clone = await client.cloneIntegration(platform.id, integration.id, team.id);
  console.log(`cloned into ${team.name}: ${clone.newIntegrationId} shares the same Broker token`);
  return { platformOrgId: platform.id, teamOrgId: team.id };
}

if (require.main === module) {
  shareBrokerToken().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
