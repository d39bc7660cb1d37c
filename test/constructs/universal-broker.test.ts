import { Construct } from 'constructs';
import { Integration, Organization, SnykOutput, SnykProvider, SnykSecret, UniversalBroker } from '../../src';
import { BROKER_CONNECTION_TYPE_NAMES, configurationKeyOf, connectionVariants } from '../../src/snyk/universal-broker/connection-types';
import { FIELD_OF_ATTRIBUTE } from '../../src/provider/resources/universal-broker/connection-configuration';
import { TerraformOutput, TerraformVariable } from '../../src/constructs/core';
import { PLANTED_SECRETS, synth, validationErrors, withPlantedSecrets } from './helpers';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function resourcesOf(json: string): Resources {
  return (JSON.parse(json) as { resource: Resources }).resource;
}

const TENANT = '6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b';

/** An admin org, a broker, a GHE credential and connection. */
function brokerWithGhe(scope: Construct, props: { region?: string } = {}) {
  const snyk = new SnykProvider(scope, 'Snyk', { region: props.region });
  const admin = new Organization(scope, 'Admin', { name: 'broker-admin' });
  const broker = new UniversalBroker(scope, 'Broker', {
    tenantId: TENANT,
    organization: admin,
    metadata: { deployment_name: 'main' },
    provider: snyk,
  });
  const gheToken = broker.addCredential('GHE_TOKEN', 'github-enterprise', {
    comment: 'GHE bot',
  });
  const ghe = broker.addConnection({
    type: 'github-enterprise',
    name: 'ghe',
    configuration: {
      broker_client_url: 'https://broker.internal:8000',
      github: 'ghe.example.com',
      github_token: gheToken,
    },
  });
  return { snyk, admin, broker, gheToken, ghe };
}

describe('UniversalBroker', () => {
  it('declares the install, the deployment, credential references, connections and integrations', () => {
    const json = synth((scope) => {
      const { broker, ghe } = brokerWithGhe(scope);
      const gitlabToken = broker.addCredential('GITLAB_TOKEN', 'gitlab');
      const gitlab = broker.addConnection({
        type: 'gitlab',
        name: 'gitlab',
        configuration: {
          broker_client_url: 'https://broker.internal:8000',
          gitlab: 'gitlab.example.com',
          gitlab_token: gitlabToken,
        },
      });
      ghe.integrate(new Organization(scope, 'TeamA', { name: 'team-a' }));
      gitlab.integrate(new Organization(scope, 'TeamB', { name: 'team-b' }));
    });
    const resources = resourcesOf(json);
    expect(resources.snyk_app_install).toMatchInlineSnapshot(`
      {
        "Broker_AppInstall_617F3D49": {
          "organization_id": "\${snyk_organization.Admin_C75D2A91.id}",
          "provider": "snyk",
        },
      }
    `);
    expect(resources.snyk_broker_deployment).toMatchInlineSnapshot(`
      {
        "Broker_Deployment_9CE4C61E": {
          "app_install_id": "\${snyk_app_install.Broker_AppInstall_617F3D49.id}",
          "metadata": {
            "deployment_name": "main",
          },
          "organization_id": "\${snyk_organization.Admin_C75D2A91.id}",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
        },
      }
    `);
    expect(resources.snyk_broker_deployment_credential).toMatchInlineSnapshot(`
      {
        "Broker_Credential-GHE_TOKEN_160293E9": {
          "app_install_id": "\${snyk_app_install.Broker_AppInstall_617F3D49.id}",
          "broker_connection_type": "github-enterprise",
          "broker_deployment_id": "\${snyk_broker_deployment.Broker_Deployment_9CE4C61E.id}",
          "comment": "GHE bot",
          "environment_variable_name": "GHE_TOKEN",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
        },
        "Broker_Credential-GITLAB_TOKEN_6289FD15": {
          "app_install_id": "\${snyk_app_install.Broker_AppInstall_617F3D49.id}",
          "broker_connection_type": "gitlab",
          "broker_deployment_id": "\${snyk_broker_deployment.Broker_Deployment_9CE4C61E.id}",
          "environment_variable_name": "GITLAB_TOKEN",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
        },
      }
    `);
    expect(resources.snyk_broker_connection).toMatchInlineSnapshot(`
      {
        "Broker_Connection-ghe_0EAC2AA8": {
          "app_install_id": "\${snyk_app_install.Broker_AppInstall_617F3D49.id}",
          "broker_deployment_id": "\${snyk_broker_deployment.Broker_Deployment_9CE4C61E.id}",
          "configuration": {
            "broker_client_url": "https://broker.internal:8000",
            "github_hostname": "ghe.example.com",
            "github_token_credential_id": "\${snyk_broker_deployment_credential.Broker_Credential-GHE_TOKEN_160293E9.id}",
          },
          "name": "ghe",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
          "type": "github-enterprise",
        },
        "Broker_Connection-gitlab_4E6DB1EE": {
          "app_install_id": "\${snyk_app_install.Broker_AppInstall_617F3D49.id}",
          "broker_deployment_id": "\${snyk_broker_deployment.Broker_Deployment_9CE4C61E.id}",
          "configuration": {
            "broker_client_url": "https://broker.internal:8000",
            "gitlab_hostname": "gitlab.example.com",
            "gitlab_token_credential_id": "\${snyk_broker_deployment_credential.Broker_Credential-GITLAB_TOKEN_6289FD15.id}",
          },
          "name": "gitlab",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
          "type": "gitlab",
        },
      }
    `);
    expect(resources.snyk_broker_integration).toMatchInlineSnapshot(`
      {
        "Broker_Connection-ghe_Integrate-TeamA_0A8D8501": {
          "broker_connection_id": "\${snyk_broker_connection.Broker_Connection-ghe_0EAC2AA8.id}",
          "organization_id": "\${snyk_organization.TeamA_BE0FF635.id}",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
          "type": "github-enterprise",
        },
        "Broker_Connection-gitlab_Integrate-TeamB_C0ED1DE6": {
          "broker_connection_id": "\${snyk_broker_connection.Broker_Connection-gitlab_4E6DB1EE.id}",
          "organization_id": "\${snyk_organization.TeamB_1A12FEDB.id}",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
          "type": "gitlab",
        },
      }
    `);
  });

  it('adopts a classic integration, naming the organizations of its token family declared in the app', () => {
    const json = synth((scope) => {
      const { ghe } = brokerWithGhe(scope);
      const platform = new Organization(scope, 'Platform', {
        name: 'platform',
      });
      const legacy = new Organization(scope, 'Legacy', { name: 'legacy' });
      const classic = new Integration(scope, 'ClassicGhe', {
        organization: platform,
        type: 'github-enterprise',
        broker: true,
      });
      const legacyClone = classic.cloneTo(legacy);
      ghe.adopt(classic);
      ghe.adopt(legacyClone);
    });
    expect(resourcesOf(json).snyk_broker_integration).toMatchInlineSnapshot(`
      {
        "Broker_Connection-ghe_Adopt-Legacy_E684C37F": {
          "broker_connection_id": "\${snyk_broker_connection.Broker_Connection-ghe_0EAC2AA8.id}",
          "classic_family_organization_ids": [
            "\${snyk_organization.Platform_DD5CC455.id}",
            "\${snyk_organization.Legacy_FA07BB5D.id}",
          ],
          "integration_id": "\${snyk_integration_clone.ClassicGhe_CloneTo-Legacy_5714660B.id}",
          "organization_id": "\${snyk_organization.Legacy_FA07BB5D.id}",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
          "type": "github-enterprise",
        },
        "Broker_Connection-ghe_Adopt-Platform_ABC407A1": {
          "broker_connection_id": "\${snyk_broker_connection.Broker_Connection-ghe_0EAC2AA8.id}",
          "classic_family_organization_ids": [
            "\${snyk_organization.Platform_DD5CC455.id}",
            "\${snyk_organization.Legacy_FA07BB5D.id}",
          ],
          "integration_id": "\${snyk_integration.ClassicGhe_86548725.id}",
          "organization_id": "\${snyk_organization.Platform_DD5CC455.id}",
          "provider": "snyk",
          "tenant_id": "6f1a3c2e-0d4b-4e5f-9a8b-7c6d5e4f3a2b",
          "type": "github-enterprise",
        },
      }
    `);
  });

  it('takes an explicit classic family for an existing integration, the adopting organization included', () => {
    const json = synth((scope) => {
      const { ghe } = brokerWithGhe(scope);
      const existing = Integration.fromIntegrationId(scope, 'Existing', {
        organizationId: 'org-a',
        integrationId: 'int-a',
        type: 'github-enterprise',
      });
      ghe.adopt(existing, {
        classicFamily: [Organization.fromOrganizationId(scope, 'OrgB', 'org-b')],
      });
    });
    const [integration] = Object.values(resourcesOf(json).snyk_broker_integration);
    expect(integration).toMatchObject({
      organization_id: 'org-a',
      integration_id: 'int-a',
      classic_family_organization_ids: ['org-a', 'org-b'],
    });
  });

  it('gives the broker client its runtime environment and credential variable names, only as sensitive values', () => {
    const json = synth((scope) => {
      const { broker } = brokerWithGhe(scope, { region: 'SNYK-EU-01' });
      broker.addCredential('GITLAB_TOKEN', 'gitlab');
      new SnykOutput(scope, 'runtime_environment', {
        value: JSON.stringify(broker.runtimeEnvironment),
      });
      new TerraformOutput(scope, 'credential_variables', {
        value: broker.credentialVariableNames,
      });
    });
    const outputs = (
      JSON.parse(json) as {
        output: Record<string, { value: unknown; sensitive?: boolean }>;
      }
    ).output;
    expect(outputs.runtime_environment.sensitive).toBe(true);
    expect(JSON.parse(outputs.runtime_environment.value as string)).toMatchInlineSnapshot(`
      {
        "BROKER_SERVER_URL": "https://broker.eu.snyk.io",
        "CLIENT_ID": "\${snyk_app_install.Broker_AppInstall_617F3D49.client_id}",
        "CLIENT_SECRET": "\${snyk_app_install.Broker_AppInstall_617F3D49.client_secret}",
        "DEPLOYMENT_ID": "\${snyk_broker_deployment.Broker_Deployment_9CE4C61E.id}",
        "UNIVERSAL_BROKER_ENABLED": "true",
      }
    `);
    expect(outputs.credential_variables.value).toEqual(['GHE_TOKEN', 'GITLAB_TOKEN']);
  });

  it('refuses to output the client secret as not sensitive', () => {
    const errors = validationErrors((scope) => {
      const { broker } = brokerWithGhe(scope);
      new SnykOutput(scope, 'leak', {
        value: broker.clientSecret,
        sensitive: false,
      });
    });
    expect(errors).toEqual([
      expect.stringMatching(/^\[stack\/leak\] The output refers to the secret snyk_app_install\.Broker_AppInstall_\w+\.client_secret: it must stay sensitive/),
    ]);
  });

  it('gives the Helm chart its values: inline platform values, or the names of existing Secrets and their keys', () => {
    synth((scope) => {
      const { broker } = brokerWithGhe(scope, { region: 'SNYK-EU-01' });
      const inline = broker.helmValues();
      expect(Object.keys(inline)).toEqual(['deploymentId', 'clientId', 'clientSecret', 'region']);
      expect(inline.region).toBe('eu');
      expect(
        broker.helmValues({
          platformAuthSecretName: 'snyk-platform',
          credentialReferencesSecretName: 'snyk-creds',
        }),
      ).toEqual({
        platformAuthSecret: { name: 'snyk-platform' },
        credentialReferencesSecret: { name: 'snyk-creds' },
        region: 'eu',
      });
      expect(Object.keys(broker.platformAuthSecretData)).toEqual(['DEPLOYMENT_ID', 'CLIENT_ID', 'CLIENT_SECRET']);
      expect(broker.credentialReferencesSecretKeys).toEqual(['GHE_TOKEN']);
    });
    synth((scope) => {
      const admin = new Organization(scope, 'Admin', { name: 'admin' });
      expect(
        new UniversalBroker(scope, 'Us', {
          tenantId: TENANT,
          organization: admin,
        }).helmValues().region,
      ).toBe('');
      const gov = new UniversalBroker(scope, 'Gov', {
        tenantId: TENANT,
        organization: admin,
        brokerServerUrl: 'https://broker.snykgov.io',
      });
      expect(gov.helmValues().region).toBeUndefined();
    });
  });

  it('passes the client secret rotation (trigger, mode, retirement) to the install', () => {
    const json = synth((scope) => {
      const admin = new Organization(scope, 'Admin', { name: 'admin' });
      new UniversalBroker(scope, 'Broker', {
        tenantId: TENANT,
        organization: admin,
        clientSecretRotation: {
          trigger: '2026-12',
          mode: 'replace',
          retirePreviousSecret: true,
        },
      });
    });
    expect(Object.values(resourcesOf(json).snyk_app_install)[0]).toMatchObject({
      secret_rotation_triggers: { trigger: '2026-12' },
      secret_rotation_mode: 'replace',
      retire_previous_secret: true,
    });
  });

  it('maps every field of every connection type to the configuration attribute the provider reads', () => {
    const fields = [...new Set(BROKER_CONNECTION_TYPE_NAMES.flatMap((type) => connectionVariants(type).flatMap((variant) => variant.fields)))];
    expect(fields.filter((field) => FIELD_OF_ATTRIBUTE[configurationKeyOf(field)] !== field)).toEqual([]);
  });
});

describe('UniversalBroker synth-time validation', () => {
  it('names the path of a connection of an unknown type', () => {
    const errors = validationErrors((scope) => {
      const { broker } = brokerWithGhe(scope);
      broker.addConnection({
        type: 'github-enterprize',
        name: 'typo',
        configuration: {},
      });
    });
    expect(errors).toEqual([
      expect.stringMatching(/^\[stack\/Broker\/Connection-typo\] unknown connection type "github-enterprize"; accepted: github, github-enterprise, /),
    ]);
  });

  it('names a missing required field and a field the type does not take', () => {
    const errors = validationErrors((scope) => {
      const { broker, gheToken } = brokerWithGhe(scope);
      broker.addConnection({
        type: 'github-enterprise',
        name: 'missing',
        configuration: {
          broker_client_url: 'https://b:8000',
          github_token: gheToken,
        },
      });
      broker.addConnection({
        type: 'github-enterprise',
        name: 'extra',
        id: 'Extra',
        configuration: {
          broker_client_url: 'https://b',
          github: 'g',
          github_token: gheToken,
          gitlab: 'x',
        },
      });
    });
    expect(errors).toEqual([
      '[stack/Broker/Connection-missing] github-enterprise is missing required field(s): github',
      '[stack/Broker/Extra] github-enterprise does not take gitlab; it takes broker_client_url, github, github_token',
    ]);
  });

  it('refuses a secret written as a value, without repeating it', () => {
    const errors = withPlantedSecrets(() =>
      validationErrors((scope) => {
        const { broker } = brokerWithGhe(scope);
        broker.addConnection({
          type: 'github-enterprise',
          name: 'leaky',
          configuration: {
            broker_client_url: 'https://b:8000',
            github: 'ghe.example.com',
            github_token: PLANTED_SECRETS.TF_VAR_GHE_TOKEN,
          },
        });
      }),
    );
    expect(errors).toEqual([
      "[stack/Broker/Connection-leaky] configuration.github_token is a secret field: give it a credential reference (broker.addCredential('ENV_VAR_NAME', 'github-enterprise')), never the secret itself; the broker client reads the secret from that environment variable",
    ]);
    expect(errors.join('\n')).not.toContain(PLANTED_SECRETS.TF_VAR_GHE_TOKEN);
  });

  it('accepts a credential id from elsewhere (a deploy-time reference) in a secret field', () => {
    const errors = validationErrors((scope) => {
      const { broker } = brokerWithGhe(scope);
      const id = new TerraformVariable(scope, 'existing_credential_id', {
        type: 'string',
      }).stringValue;
      broker.addConnection({
        type: 'gitlab',
        name: 'gl',
        configuration: {
          broker_client_url: 'https://b',
          gitlab: 'gitlab.example.com',
          gitlab_token: id,
        },
      });
    });
    expect(errors).toEqual([]);
  });

  it('refuses a credential of another type, a credential in a plain field, and adopting an integration of another type', () => {
    const errors = validationErrors((scope) => {
      const { broker, gheToken } = brokerWithGhe(scope);
      const gitlab = broker.addConnection({
        type: 'gitlab',
        name: 'gl',
        configuration: {
          broker_client_url: 'https://b',
          gitlab: gheToken,
          gitlab_token: gheToken,
        },
      });
      const org = new Organization(scope, 'Org', { name: 'org' });
      gitlab.adopt(
        new Integration(scope, 'Classic', {
          organization: org,
          type: 'github-enterprise',
          broker: true,
        }),
      );
    });
    expect(errors).toEqual([
      '[stack/Broker/Connection-gl] configuration.gitlab is not a secret field of gitlab: it takes a plain value, not a credential reference (stack/Broker/Credential-GHE_TOKEN)',
      '[stack/Broker/Connection-gl] configuration.gitlab_token refers to stack/Broker/Credential-GHE_TOKEN, a credential for github-enterprise connections, not gitlab',
      '[stack/Broker/Connection-gl/Adopt-Org] stack/Classic is a github-enterprise integration: a gitlab connection (stack/Broker/Connection-gl) cannot take it over; adopt it with a github-enterprise connection',
    ]);
  });

  it('refuses credential variable names the broker client cannot receive', () => {
    const errors = validationErrors((scope) => {
      const { broker } = brokerWithGhe(scope);
      broker.addCredential('9_BAD', 'gitlab');
      broker.addCredential('CLIENT_SECRET', 'gitlab');
      broker.addCredential('GHE_TOKEN', 'github-enterprise', { id: 'Again' });
      broker.addCredential('APP_KEY.pem', 'github-server-app');
      broker.addCredential('X_TOKEN', 'gitlabb');
    });
    expect(errors).toEqual([
      '[stack/Broker] the environment variable GHE_TOKEN is declared by more than one credential reference: one reference can serve several connections of its type',
      '[stack/Broker/Credential-9_BAD] "9_BAD" cannot be an environment variable of the broker client: use letters, digits and _ (not first a digit), or a name ending in .pem',
      '[stack/Broker/Credential-CLIENT_SECRET] "CLIENT_SECRET" is set by the broker runtime itself (DEPLOYMENT_ID, CLIENT_ID, CLIENT_SECRET, BROKER_SERVER_URL, UNIVERSAL_BROKER_ENABLED, PORT): choose another name for the credential',
      expect.stringMatching(/^\[stack\/Broker\/Credential-X_TOKEN\] unknown connection type "gitlabb"; accepted: github, /),
    ]);
  });

  it('keeps the API key and SCM tokens out of the synthesized configuration', () => {
    const json = synth((scope) => {
      const { broker } = brokerWithGhe(scope);
      new SnykOutput(scope, 'env', {
        value: JSON.stringify(broker.runtimeEnvironment),
      });
      SnykSecret.fromEnvironment(scope, 'GHE_TOKEN');
    });
    expect(json).not.toMatch(/planted-/);
  });
});
