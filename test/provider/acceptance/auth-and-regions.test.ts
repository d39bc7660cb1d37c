import { startEmulator } from '../../../src/emulator';
import { createTerraformWorkspace, REQUIRED_PROVIDERS, TerraformWorkspace } from '../../support/terraform';
import { orgHcl, unwrapped } from './support';

const OAUTH_TOKEN = 'oauth-access-token-acceptance-8c41';

async function withWorkspace(env: NodeJS.ProcessEnv, hcl: string, steps: (workspace: TerraformWorkspace) => Promise<void>): Promise<void> {
  const workspace = createTerraformWorkspace(env);
  try {
    workspace.writeFile('main.tf', `${REQUIRED_PROVIDERS}\n${hcl}`);
    await workspace.mustTerraform(['init', '-no-color']);
    await steps(workspace);
  } finally {
    workspace.cleanup();
  }
}

describe('provider auth and regions with terraform', () => {
  test('token and oauth_token together fail `terraform validate` when written literally, pointing at oauth_token', () =>
    withWorkspace(
      {},
      `provider "snyk" {\n  token       = "key-in-config-1234"\n  oauth_token = "oauth-in-config-5678"\n}\nresource "snyk_organization" "o" {\n  name = "o"\n}\n`,
      async (workspace) => {
        const validate = await workspace.terraform(['validate', '-no-color']);
        expect(validate.code).toBe(1);
        const text = unwrapped(validate.stderr);
        expect(text).toContain('Error: Both token and oauth_token are set');
        // Terraform quotes the offending line of the configuration; the provider's own words repeat no value.
        expect(text).toContain('in provider "snyk": 9: oauth_token = "oauth-in-config-5678"');
        const detailStart = text.indexOf('Set either');
        expect(detailStart).toBeGreaterThan(-1);
        const detail = text.slice(detailStart);
        expect(detail).not.toMatch(/key-in-config-1234|oauth-in-config-5678/);
      },
    ));

  test('token and oauth_token together from sensitive variables fail the plan without showing either', () =>
    withWorkspace(
      { TF_VAR_key: 'key-in-variable-1234', TF_VAR_oauth: 'oauth-in-variable-5678' },
      `variable "key" {\n  type      = string\n  sensitive = true\n}\nvariable "oauth" {\n  type      = string\n  sensitive = true\n}\n` +
        `provider "snyk" {\n  token       = var.key\n  oauth_token = var.oauth\n}\nresource "snyk_organization" "o" {\n  name = "o"\n}\n`,
      async (workspace) => {
        const plan = await workspace.terraform(['plan', '-no-color']);
        expect(plan.code).toBe(1);
        expect(unwrapped(plan.stderr)).toContain('Both token and oauth_token are set');
        expect(plan.stderr + plan.stdout).not.toMatch(/key-in-variable-1234|oauth-in-variable-5678/);
      },
    ));

  test('an API key written beside region = "SNYK-GOV-01" fails `terraform validate`', () =>
    withWorkspace({}, `provider "snyk" {\n  token  = "gov-literal-key-1234"\n  region = "SNYK-GOV-01"\n}\nresource "snyk_organization" "o" {\n  name = "o"\n}\n`, async (workspace) => {
      const validate = await workspace.terraform(['validate', '-no-color']);
      expect(validate.code).toBe(1);
      expect(unwrapped(validate.stderr)).toMatch(/Error: API keys do not exist in SNYK-GOV-01.*SNYK_OAUTH_TOKEN/);
    }));

  test('an API key aimed at SNYK-GOV-01 fails at configure, saying to use an OAuth token', () =>
    withWorkspace({ SNYK_TOKEN: 'gov-api-key-9999', SNYK_REGION: 'SNYK-GOV-01' }, `resource "snyk_organization" "o" {\n  name = "o"\n}\n`, async (workspace) => {
      const plan = await workspace.terraform(['plan', '-no-color']);
      expect(plan.code).toBe(1);
      expect(unwrapped(plan.stderr)).toMatch(/API keys do not exist in SNYK-GOV-01.*SNYK_OAUTH_TOKEN/);
      expect(plan.stderr).not.toContain('gov-api-key-9999');
    }));

  test('an OAuth access token (SNYK_OAUTH_TOKEN, or oauth_token) is sent as bearer: an emulator that refuses API keys serves the apply', async () => {
    const emulator = await startEmulator({ oauthTokens: [OAUTH_TOKEN], behaviors: { 'api-key-auth': 'reject' } });
    try {
      await withWorkspace({ SNYK_OAUTH_TOKEN: OAUTH_TOKEN, SNYK_API_URL: emulator.url }, orgHcl('oauth-made', 'o', emulator.defaultGroupId), async (workspace) => {
        const apply = await workspace.mustTerraform(['apply', '-auto-approve', '-no-color']);
        expect(apply.stdout).toContain('Apply complete! Resources: 1 added');
        expect(emulator.state().orgs.map((org) => org.name)).toContain('oauth-made');
      });
      const viaAttribute = `variable "oauth" {\n  type      = string\n  sensitive = true\n}\nprovider "snyk" {\n  oauth_token = var.oauth\n}\n${orgHcl('oauth-attr', 'o', emulator.defaultGroupId)}`;
      await withWorkspace({ SNYK_API_URL: emulator.url, TF_VAR_oauth: OAUTH_TOKEN, SNYK_TOKEN: emulator.apiKey }, viaAttribute, async (workspace) => {
        const apply = await workspace.mustTerraform(['apply', '-auto-approve', '-no-color']);
        expect(apply.stdout + apply.stderr).not.toContain(OAUTH_TOKEN);
        expect(emulator.state().orgs.map((org) => org.name)).toContain('oauth-attr');
      });
    } finally {
      await emulator.close();
    }
  });

  test('a malformed api_url never shows its user-info', () =>
    withWorkspace(
      { SNYK_TOKEN: 'some-key-value', SNYK_API_URL: 'https://ci-bot:SECRET-pass-42@api.eu.snyk.io:99999' },
      `resource "snyk_organization" "o" {\n  name = "o"\n}\n`,
      async (workspace) => {
        const plan = await workspace.terraform(['plan', '-no-color']);
        expect(plan.code).toBe(1);
        expect(unwrapped(plan.stderr)).toContain('Invalid Snyk API URL');
        expect(unwrapped(plan.stderr)).toContain('api.eu.snyk.io:99999');
        expect(plan.stderr + plan.stdout).not.toMatch(/SECRET-pass-42|ci-bot/);
      },
    ));

  test('an API that refuses connections fails the refresh with a message naming its host', async () => {
    const emulator = await startEmulator();
    const hcl = [0, 1, 2].map((index) => orgHcl(`reach-${index}`, `o${index}`, emulator.defaultGroupId)).join('\n');
    await withWorkspace({ SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url }, hcl, async (workspace) => {
      try {
        await workspace.mustTerraform(['apply', '-auto-approve', '-no-color']);
      } finally {
        await emulator.close();
      }
      const plan = await workspace.terraform(['plan', '-no-color']);
      expect(plan.code).toBe(1);
      const text = unwrapped(plan.stderr);
      expect(text).toContain(`Could not connect to the Snyk API at ${new URL(emulator.url).host}`);
      expect(text).toContain('Check the API URL (api_url / SNYK_API_URL) or region');
    });
  });
});
