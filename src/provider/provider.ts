import { attr, defineProvider, notBlank } from './framework';
import { snykApiUrl, snykRegion } from './config-validators';
import { createLogger } from './plugin/logger';
import { isUnknown } from './plugin/unknown';
import { providerConfigProblems, ProviderConfigError, ProviderConfigInput, resolveProviderConfig } from './configuration';
import { integrationDataSource } from './data-sources/integration';
import { organizationDataSource } from './data-sources/organization';
import { brokerTokenResource } from './resources/broker-token';
import { integrationResource } from './resources/integration';
import { integrationCloneResource } from './resources/integration-clone';
import { organizationResource } from './resources/organization';
import { appInstallResource, brokerIntegrationResource, connectionResource, deploymentCredentialResource, deploymentResource } from './resources/universal-broker';
import { brokerConnectionsDataSource } from './data-sources/broker-connections';
import { brokerDeploymentsDataSource } from './data-sources/broker-deployments';
import { createSnykContext, SnykProviderContext } from './snyk-context';
import { DEFAULT_SNYK_REGION as DEFAULT_REGION, ENV_API_URL, ENV_OAUTH_TOKEN, ENV_REGION, ENV_TOKEN, SNYK_REGIONS } from '../snyk';

const logger = createLogger({ module: 'terraform-provider-snyk' });

/** The `snyk` provider: its configuration, resources and data sources. */
export const snykProvider = defineProvider<SnykProviderContext, ProviderConfigInput>({
  typeName: 'snyk',
  description: 'Snyk organizations, SCM and registry integrations, and classic Snyk Broker tokens.',
  attributes: {
    token: attr.string({
      optional: true,
      sensitive: true,
      description:
        `A Snyk API key or service-account token, sent as \`Authorization: token\`. Defaults to the \`${ENV_TOKEN}\` environment ` +
        'variable; keep it out of configuration files. Conflicts with `oauth_token`. API keys do not exist in `SNYK-GOV-01`.',
      validators: [notBlank()],
    }),
    oauth_token: attr.string({
      optional: true,
      sensitive: true,
      description:
        'An OAuth 2.0 access token of a Snyk service account (`oauth_client_secret` or `oauth_private_key_jwt`), sent as ' +
        `\`Authorization: bearer\`. Defaults to the \`${ENV_OAUTH_TOKEN}\` environment variable, which wins over \`${ENV_TOKEN}\` when ` +
        'both are set. Conflicts with `token`. The only credential `SNYK-GOV-01` accepts. Access tokens expire soon after they ' +
        'are issued: fetch a fresh one right before each terraform run.',
      validators: [notBlank()],
    }),
    region: attr.string({
      optional: true,
      description: `The Snyk region: ${Object.keys(SNYK_REGIONS).map((r) => `\`${r}\``).join(', ')}. Defaults to \`${ENV_REGION}\`, else \`${DEFAULT_REGION}\`.`,
      validators: [notBlank(), snykRegion()],
    }),
    api_url: attr.string({
      optional: true,
      description:
        `The API root serving \`/v1\` and \`/rest\`, e.g. \`https://api.eu.snyk.io\` or the local emulator's URL; overrides \`region\`. ` +
        `Defaults to \`${ENV_API_URL}\`. HTTPS unless the host is loopback.`,
      validators: [notBlank(), snykApiUrl()],
    }),
  },

  validateConfig({ config, diagnostics }) {
    const known = (value: unknown): string | null => (typeof value === 'string' ? value : null);
    const literal = { token: known(config.token), oauth_token: known(config.oauth_token), region: known(config.region), api_url: known(config.api_url) };
    for (const problem of providerConfigProblems(literal)) {
      diagnostics.addError([problem.attribute], problem.summary, problem.detail);
    }
  },

  configure({ config, diagnostics }) {
    if (isUnknown(config.token) || isUnknown(config.oauth_token) || isUnknown(config.region) || isUnknown(config.api_url)) {
      diagnostics.addError([], 'Provider configuration not known yet', 'token, oauth_token, region and api_url must be known before resources are planned; do not derive them from resources created in the same apply.');
      return undefined;
    }
    try {
      const resolved = resolveProviderConfig({ token: config.token, oauth_token: config.oauth_token, region: config.region, api_url: config.api_url });
      return createSnykContext(resolved, (event) => logger.debug(`Snyk API ${event.method} ${event.path} -> ${event.status}`, { attempt: event.attempt }));
    } catch (error) {
      if (error instanceof ProviderConfigError) {
        diagnostics.addError([error.attribute], error.summary, error.detail);
        return undefined;
      }
      throw error;
    }
  },

  resources: [
    organizationResource,
    integrationResource,
    brokerTokenResource,
    integrationCloneResource,
    appInstallResource,
    deploymentResource,
    deploymentCredentialResource,
    connectionResource,
    brokerIntegrationResource,
  ],
  dataSources: [organizationDataSource, integrationDataSource, brokerDeploymentsDataSource, brokerConnectionsDataSource],
});
