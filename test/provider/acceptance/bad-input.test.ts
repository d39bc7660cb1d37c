import { RunningEmulator, startEmulator } from '../../../src/emulator';
import { createTerraformWorkspace, REQUIRED_PROVIDERS, TerraformWorkspace } from '../../support/terraform';

/**
 * Every argument of every resource, data source and the provider block, given bad input (wrong type, empty, white
 * space only, out of range, unknown key): each case is an error at `terraform validate` (or at `terraform plan`, for
 * values only known then), pointing at the argument, and the Snyk API (the emulator) never sees a call.
 *
 * All cases sit in one configuration, one block each, and one `terraform validate -json` checks them all: a
 * diagnostic belongs to the case whose lines its source range starts in.
 */

const ORG = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const OTHER_ORG = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const INTEGRATION = '9a3e5d90-b782-468a-a042-9a2073736f0b';

interface BadInput {
  /** The block, e.g. `resource "snyk_organization"`; the case's name is added. */
  readonly block: string;
  /** The block's body: valid but for the one bad argument. */
  readonly body: string;
  /** The argument the error must name (in its text or in the source line it points at). */
  readonly attribute: string;
  /** What the error must say. */
  readonly says: RegExp;
}

const organization = (bad: string): string => `name = "platform"\ngroup_id = "${ORG}"\n${bad}`;
const brokered = (bad: string): string => `organization_id = "${ORG}"\ntype = "github"\nbroker = true\n${bad}`;
const withCredentials = (bad: string): string => `organization_id = "${ORG}"\ntype = "github"\nbroker = false\n${bad}`;
const settings = (bad: string): string => brokered(`settings {\n${bad}\n}`);
const brokerToken = (bad: string): string => `organization_id = "${ORG}"\nintegration_id = "${INTEGRATION}"\n${bad}`;
const clone = (bad: string): string => `source_organization_id = "${ORG}"\nsource_integration_id = "${INTEGRATION}"\n${bad}`;

const WRONG_TYPE = /Incorrect attribute value type|Inappropriate value/;
const UNKNOWN_KEY = /Unsupported argument/;
const COMPUTED_ONLY = /is read-only.*cannot be configured/;
const NOT_UUID = /Expected a UUID such as/;
const BLANK = /Expected a value, got (an empty string|only white space)/;

const TENANT = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const INSTALL = '16fd2706-8baf-433b-82eb-8c7fada847da';
const DEPLOYMENT = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';
const CONNECTION = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const CREDENTIAL = '9b2c8f7e-3d1a-4e5b-8c6d-7f8e9a0b1c2d';

const appInstall = (bad: string): string => `organization_id = "${ORG}"\n${bad}`;
const deployment = (bad: string): string => `tenant_id = "${TENANT}"\napp_install_id = "${INSTALL}"\norganization_id = "${ORG}"\n${bad}`;
const credential = (bad: string): string =>
  `tenant_id = "${TENANT}"\napp_install_id = "${INSTALL}"\nbroker_deployment_id = "${DEPLOYMENT}"\nenvironment_variable_name = "GITHUB_TOKEN"\nbroker_connection_type = "github"\n${bad}`;
/** A valid GitLab connection; `ids` replaces the three ids, `fields` adds configuration lines. */
const connectionWith = (options: { ids?: string; name?: string; type?: string; fields?: string; configuration?: string }): string =>
  [
    options.ids ?? `tenant_id = "${TENANT}"\napp_install_id = "${INSTALL}"\nbroker_deployment_id = "${DEPLOYMENT}"`,
    options.name ?? 'name = "gitlab"',
    options.type ?? 'type = "gitlab"',
    options.configuration ??
      `configuration = {\nbroker_client_url = "https://broker.example.com"\ngitlab_hostname = "gitlab.example.com"\ngitlab_token_credential_id = "${CREDENTIAL}"\n${options.fields ?? ''}\n}`,
  ].join('\n');
const connection = (bad: string): string => connectionWith({ fields: bad });
const connectionIds = (bad: string): string => connectionWith({ ids: bad });
const brokerIntegration = (bad: string): string =>
  `tenant_id = "${TENANT}"\nbroker_connection_id = "${CONNECTION}"\norganization_id = "${ORG}"\ntype = "gitlab"\n${bad}`;

const ORGANIZATION = 'resource "snyk_organization"';
const INTEGRATION_RESOURCE = 'resource "snyk_integration"';
const BROKER_TOKEN = 'resource "snyk_broker_token"';
const CLONE = 'resource "snyk_integration_clone"';
const ORGANIZATION_DATA = 'data "snyk_organization"';
const INTEGRATION_DATA = 'data "snyk_integration"';
const APP_INSTALL = 'resource "snyk_app_install"';
const DEPLOYMENT_RESOURCE = 'resource "snyk_broker_deployment"';
const CREDENTIAL_RESOURCE = 'resource "snyk_broker_deployment_credential"';
const CONNECTION_RESOURCE = 'resource "snyk_broker_connection"';
const BROKER_INTEGRATION = 'resource "snyk_broker_integration"';
const DEPLOYMENTS_DATA = 'data "snyk_broker_deployments"';
const CONNECTIONS_DATA = 'data "snyk_broker_connections"';

const CASES: Record<string, BadInput> = {
  'organization name empty': { block: ORGANIZATION, body: `name = ""\ngroup_id = "${ORG}"`, attribute: 'name', says: BLANK },
  'organization name white space': { block: ORGANIZATION, body: `name = "   "\ngroup_id = "${ORG}"`, attribute: 'name', says: BLANK },
  'organization name with a leading space': { block: ORGANIZATION, body: `name = " platform"`, attribute: 'name', says: /no white space at the start or end/ },
  'organization name too long': { block: ORGANIZATION, body: `name = "${'n'.repeat(61)}"`, attribute: 'name', says: /at most 60 characters, got 61/ },
  'organization name of the wrong type': { block: ORGANIZATION, body: 'name = ["platform"]', attribute: 'name', says: WRONG_TYPE },
  'organization group_id not a UUID': { block: ORGANIZATION, body: 'name = "platform"\ngroup_id = "platform-group"', attribute: 'group_id', says: NOT_UUID },
  'organization group_id empty': { block: ORGANIZATION, body: 'name = "platform"\ngroup_id = ""', attribute: 'group_id', says: NOT_UUID },
  'organization source_organization_id white space': { block: ORGANIZATION, body: organization('source_organization_id = " "'), attribute: 'source_organization_id', says: NOT_UUID },
  'organization unknown argument': { block: ORGANIZATION, body: organization('nmae = "typo"'), attribute: 'nmae', says: UNKNOWN_KEY },
  'organization computed slug set': { block: ORGANIZATION, body: organization('slug = "platform"'), attribute: 'slug', says: COMPUTED_ONLY },

  'integration organization_id empty': { block: INTEGRATION_RESOURCE, body: 'organization_id = ""\ntype = "github"\nbroker = true', attribute: 'organization_id', says: NOT_UUID },
  'integration type empty': { block: INTEGRATION_RESOURCE, body: `organization_id = "${ORG}"\ntype = ""\nbroker = true`, attribute: 'type', says: /Expected one of "github"/ },
  'integration type white space': { block: INTEGRATION_RESOURCE, body: `organization_id = "${ORG}"\ntype = " "\nbroker = true`, attribute: 'type', says: /Expected one of/ },
  'integration type unknown': { block: INTEGRATION_RESOURCE, body: `organization_id = "${ORG}"\ntype = "GitHub"\nbroker = true`, attribute: 'type', says: /Expected one of .*got "GitHub"/ },
  'integration broker of the wrong type': { block: INTEGRATION_RESOURCE, body: `organization_id = "${ORG}"\ntype = "github"\nbroker = "maybe"`, attribute: 'broker', says: WRONG_TYPE },
  'integration credential empty': { block: INTEGRATION_RESOURCE, body: withCredentials('credentials = { token = "" }'), attribute: 'credentials', says: /The value of "token" must not be empty/ },
  'integration credential white space': { block: INTEGRATION_RESOURCE, body: withCredentials('credentials = { token = "  " }'), attribute: 'credentials', says: /The value of "token" must not be empty/ },
  'integration credential unknown key': { block: INTEGRATION_RESOURCE, body: withCredentials('credentials = { token = "x", tokn = "y" }'), attribute: 'credentials', says: /Unknown credential field "tokn"/ },
  'integration credentials of the wrong type': { block: INTEGRATION_RESOURCE, body: withCredentials('credentials = "ghp_x"'), attribute: 'credentials', says: WRONG_TYPE },
  'integration credentials with the broker': { block: INTEGRATION_RESOURCE, body: brokered('credentials = { token = "x" }'), attribute: 'credentials', says: /takes no credentials/ },
  'integration settings written as an attribute': { block: INTEGRATION_RESOURCE, body: brokered('settings = { pull_request_test_enabled = true }'), attribute: 'settings', says: /block of type "settings"/ },
  'integration settings unknown key': { block: INTEGRATION_RESOURCE, body: settings('pull_request_test_enable = true'), attribute: 'pull_request_test_enable', says: /Did you mean "pull_request_test_enabled"/ },
  'integration settings limit negative': { block: INTEGRATION_RESOURCE, body: settings('auto_dep_upgrade_limit = -1'), attribute: 'auto_dep_upgrade_limit', says: /whole number from 1 to 10, got -1/ },
  'integration settings limit zero': { block: INTEGRATION_RESOURCE, body: settings('auto_dep_upgrade_limit = 0'), attribute: 'auto_dep_upgrade_limit', says: /whole number from 1 to 10, got 0/ },
  'integration settings limit above 10': { block: INTEGRATION_RESOURCE, body: settings('auto_dep_upgrade_limit = 11'), attribute: 'auto_dep_upgrade_limit', says: /whole number from 1 to 10, got 11/ },
  'integration settings limit fractional': { block: INTEGRATION_RESOURCE, body: settings('auto_dep_upgrade_limit = 2.5'), attribute: 'auto_dep_upgrade_limit', says: /whole number from 1 to 10, got 2.5/ },
  'integration settings limit of the wrong type': { block: INTEGRATION_RESOURCE, body: settings('auto_dep_upgrade_limit = "three"'), attribute: 'auto_dep_upgrade_limit', says: WRONG_TYPE },
  'integration settings min age negative': { block: INTEGRATION_RESOURCE, body: settings('auto_dep_upgrade_min_age = -1'), attribute: 'auto_dep_upgrade_min_age', says: /whole number 0 or more, got -1/ },
  'integration settings min age fractional': { block: INTEGRATION_RESOURCE, body: settings('auto_dep_upgrade_min_age = 1.5'), attribute: 'auto_dep_upgrade_min_age', says: /whole number 0 or more, got 1.5/ },
  'integration settings ignored dependency empty': {
    block: INTEGRATION_RESOURCE,
    body: settings('auto_dep_upgrade_ignored_dependencies = ["left-pad", ""]'),
    attribute: 'auto_dep_upgrade_ignored_dependencies',
    says: /Element 1: Expected a value/,
  },
  'integration settings ignored dependency twice': {
    block: INTEGRATION_RESOURCE,
    body: settings('auto_dep_upgrade_ignored_dependencies = ["left-pad", "left-pad"]'),
    attribute: 'auto_dep_upgrade_ignored_dependencies',
    says: /"left-pad" more than once/,
  },
  'integration settings ignored dependencies of the wrong type': {
    block: INTEGRATION_RESOURCE,
    body: settings('auto_dep_upgrade_ignored_dependencies = { name = "left-pad" }'),
    attribute: 'auto_dep_upgrade_ignored_dependencies',
    says: WRONG_TYPE,
  },
  'integration settings auto_dep_upgrade_enabled of the wrong type': { block: INTEGRATION_RESOURCE, body: settings('auto_dep_upgrade_enabled = "yes"'), attribute: 'auto_dep_upgrade_enabled', says: WRONG_TYPE },
  'integration settings pull_request_test_enabled of the wrong type': { block: INTEGRATION_RESOURCE, body: settings('pull_request_test_enabled = "on"'), attribute: 'pull_request_test_enabled', says: WRONG_TYPE },
  'integration settings pull_request_fail_on_any_vulns of the wrong type': { block: INTEGRATION_RESOURCE, body: settings('pull_request_fail_on_any_vulns = 1'), attribute: 'pull_request_fail_on_any_vulns', says: WRONG_TYPE },
  'integration settings pull_request_fail_only_for_high_severity of the wrong type': {
    block: INTEGRATION_RESOURCE,
    body: settings('pull_request_fail_only_for_high_severity = ["high"]'),
    attribute: 'pull_request_fail_only_for_high_severity',
    says: WRONG_TYPE,
  },
  'integration settings dockerfile_scm_enabled of the wrong type': { block: INTEGRATION_RESOURCE, body: settings('dockerfile_scm_enabled = "nope"'), attribute: 'dockerfile_scm_enabled', says: WRONG_TYPE },
  'integration unknown argument': { block: INTEGRATION_RESOURCE, body: brokered('brokr = true'), attribute: 'brokr', says: UNKNOWN_KEY },
  'integration computed broker_token set': { block: INTEGRATION_RESOURCE, body: brokered('broker_token = "x"'), attribute: 'broker_token', says: COMPUTED_ONLY },

  'broker token organization_id not a UUID': { block: BROKER_TOKEN, body: `organization_id = "platform"\nintegration_id = "${INTEGRATION}"`, attribute: 'organization_id', says: NOT_UUID },
  'broker token integration_id empty': { block: BROKER_TOKEN, body: `organization_id = "${ORG}"\nintegration_id = ""`, attribute: 'integration_id', says: NOT_UUID },
  'broker token integration_id white space': { block: BROKER_TOKEN, body: `organization_id = "${ORG}"\nintegration_id = "  "`, attribute: 'integration_id', says: NOT_UUID },
  'broker token rotation trigger with an empty key': { block: BROKER_TOKEN, body: brokerToken('rotation_triggers = { "" = "2026-12" }'), attribute: 'rotation_triggers', says: /Key "": Expected a value/ },
  'broker token rotation_triggers of the wrong type': { block: BROKER_TOKEN, body: brokerToken('rotation_triggers = "2026-12"'), attribute: 'rotation_triggers', says: WRONG_TYPE },
  'broker token activate of the wrong type': { block: BROKER_TOKEN, body: brokerToken('activate = "later"'), attribute: 'activate', says: WRONG_TYPE },
  'broker token computed token set': { block: BROKER_TOKEN, body: brokerToken('token = "x"'), attribute: 'token', says: COMPUTED_ONLY },
  'broker token unknown argument': { block: BROKER_TOKEN, body: brokerToken('activated = true'), attribute: 'activated', says: UNKNOWN_KEY },

  'clone source_organization_id empty': {
    block: CLONE,
    body: `source_organization_id = ""\nsource_integration_id = "${INTEGRATION}"\ndestination_organization_id = "${OTHER_ORG}"`,
    attribute: 'source_organization_id',
    says: NOT_UUID,
  },
  'clone source_integration_id not a UUID': {
    block: CLONE,
    body: `source_organization_id = "${ORG}"\nsource_integration_id = "github"\ndestination_organization_id = "${OTHER_ORG}"`,
    attribute: 'source_integration_id',
    says: NOT_UUID,
  },
  'clone destination_organization_id white space': { block: CLONE, body: clone('destination_organization_id = " "'), attribute: 'destination_organization_id', says: NOT_UUID },
  'clone into the source organization': { block: CLONE, body: clone(`destination_organization_id = "${ORG}"`), attribute: 'destination_organization_id', says: /Clone into the same organization/ },
  'clone computed type set': { block: CLONE, body: clone(`destination_organization_id = "${OTHER_ORG}"\ntype = "github"`), attribute: 'type', says: COMPUTED_ONLY },
  'clone unknown argument': { block: CLONE, body: clone(`destination = "${OTHER_ORG}"`), attribute: 'destination', says: UNKNOWN_KEY },

  'organization data source id not a UUID': { block: ORGANIZATION_DATA, body: 'id = "platform"', attribute: 'id', says: NOT_UUID },
  'organization data source slug empty': { block: ORGANIZATION_DATA, body: 'slug = ""', attribute: 'slug', says: BLANK },
  'organization data source slug with spaces': { block: ORGANIZATION_DATA, body: 'slug = "My Org"', attribute: 'slug', says: /lowercase letters, digits and single dashes/ },
  'organization data source id and slug': { block: ORGANIZATION_DATA, body: `id = "${ORG}"\nslug = "platform"`, attribute: 'slug', says: /Set exactly one of id and slug/ },
  'organization data source neither id nor slug': { block: ORGANIZATION_DATA, body: '', attribute: 'slug', says: /Set exactly one of id and slug/ },
  'organization data source computed name set': { block: ORGANIZATION_DATA, body: 'slug = "platform"\nname = "Platform"', attribute: 'name', says: COMPUTED_ONLY },
  'organization data source unknown argument': { block: ORGANIZATION_DATA, body: 'slugg = "platform"', attribute: 'slugg', says: UNKNOWN_KEY },

  'integration data source organization_id empty': { block: INTEGRATION_DATA, body: 'organization_id = ""\ntype = "github"', attribute: 'organization_id', says: NOT_UUID },
  'integration data source type white space': { block: INTEGRATION_DATA, body: `organization_id = "${ORG}"\ntype = "  "`, attribute: 'type', says: BLANK },
  'integration data source type with a trailing space': { block: INTEGRATION_DATA, body: `organization_id = "${ORG}"\ntype = "github "`, attribute: 'type', says: /no white space at the start or end/ },
  'integration data source type of the wrong type': { block: INTEGRATION_DATA, body: `organization_id = "${ORG}"\ntype = ["github"]`, attribute: 'type', says: WRONG_TYPE },
  'integration data source unknown argument': { block: INTEGRATION_DATA, body: `organization_id = "${ORG}"\ntype = "github"\norg = "x"`, attribute: 'org', says: UNKNOWN_KEY },

  'app install organization_id empty': { block: APP_INSTALL, body: 'organization_id = ""', attribute: 'organization_id', says: NOT_UUID },
  'app install organization_id white space': { block: APP_INSTALL, body: 'organization_id = "  "', attribute: 'organization_id', says: NOT_UUID },
  'app install organization_id not a UUID': { block: APP_INSTALL, body: 'organization_id = "platform"', attribute: 'organization_id', says: NOT_UUID },
  'app install organization_id of the wrong type': { block: APP_INSTALL, body: `organization_id = ["${ORG}"]`, attribute: 'organization_id', says: WRONG_TYPE },
  'app install app_id not a UUID': { block: APP_INSTALL, body: appInstall('app_id = "broker-app"'), attribute: 'app_id', says: NOT_UUID },
  'app install app_id empty': { block: APP_INSTALL, body: appInstall('app_id = ""'), attribute: 'app_id', says: NOT_UUID },
  'app install rotation trigger with an empty key': { block: APP_INSTALL, body: appInstall('secret_rotation_triggers = { "" = "2026-12" }'), attribute: 'secret_rotation_triggers', says: /Key "": Expected a value/ },
  'app install secret_rotation_triggers of the wrong type': { block: APP_INSTALL, body: appInstall('secret_rotation_triggers = "2026-12"'), attribute: 'secret_rotation_triggers', says: WRONG_TYPE },
  'app install secret_rotation_mode unknown': { block: APP_INSTALL, body: appInstall('secret_rotation_mode = "rotate"'), attribute: 'secret_rotation_mode', says: /Expected one of "create", "replace", got "rotate"/ },
  'app install secret_rotation_mode empty': { block: APP_INSTALL, body: appInstall('secret_rotation_mode = ""'), attribute: 'secret_rotation_mode', says: /Expected one of "create", "replace"/ },
  'app install secret_rotation_mode white space': { block: APP_INSTALL, body: appInstall('secret_rotation_mode = " "'), attribute: 'secret_rotation_mode', says: /Expected one of "create", "replace"/ },
  'app install retire_previous_secret of the wrong type': { block: APP_INSTALL, body: appInstall('retire_previous_secret = "soon"'), attribute: 'retire_previous_secret', says: WRONG_TYPE },
  'app install computed client_secret set': { block: APP_INSTALL, body: appInstall('client_secret = "x"'), attribute: 'client_secret', says: COMPUTED_ONLY },
  'app install unknown argument': { block: APP_INSTALL, body: appInstall('secret_rotation = "create"'), attribute: 'secret_rotation', says: /Did you mean "secret_rotation_mode"|Unsupported argument/ },

  'deployment tenant_id empty': { block: DEPLOYMENT_RESOURCE, body: `tenant_id = ""\napp_install_id = "${INSTALL}"`, attribute: 'tenant_id', says: NOT_UUID },
  'deployment tenant_id white space': { block: DEPLOYMENT_RESOURCE, body: `tenant_id = " "\napp_install_id = "${INSTALL}"`, attribute: 'tenant_id', says: NOT_UUID },
  'deployment tenant_id of the wrong type': { block: DEPLOYMENT_RESOURCE, body: `tenant_id = { id = "${TENANT}" }\napp_install_id = "${INSTALL}"`, attribute: 'tenant_id', says: WRONG_TYPE },
  'deployment app_install_id not a UUID': { block: DEPLOYMENT_RESOURCE, body: `tenant_id = "${TENANT}"\napp_install_id = "install-1"`, attribute: 'app_install_id', says: NOT_UUID },
  'deployment organization_id not a UUID': { block: DEPLOYMENT_RESOURCE, body: `tenant_id = "${TENANT}"\napp_install_id = "${INSTALL}"\norganization_id = "${ORG}x"`, attribute: 'organization_id', says: NOT_UUID },
  'deployment metadata with an empty key': { block: DEPLOYMENT_RESOURCE, body: deployment('metadata = { "" = "eu" }'), attribute: 'metadata', says: /Key "": Expected a value/ },
  'deployment metadata of the wrong type': { block: DEPLOYMENT_RESOURCE, body: deployment('metadata = ["eu"]'), attribute: 'metadata', says: WRONG_TYPE },
  'deployment computed id set': { block: DEPLOYMENT_RESOURCE, body: deployment(`id = "${DEPLOYMENT}"`), attribute: 'id', says: COMPUTED_ONLY },
  'deployment unknown argument': { block: DEPLOYMENT_RESOURCE, body: deployment('metdata = {}'), attribute: 'metdata', says: UNKNOWN_KEY },

  'credential tenant_id not a UUID': { block: CREDENTIAL_RESOURCE, body: credential('').replace(TENANT, 'tenant'), attribute: 'tenant_id', says: NOT_UUID },
  'credential app_install_id empty': { block: CREDENTIAL_RESOURCE, body: credential('').replace(INSTALL, ''), attribute: 'app_install_id', says: NOT_UUID },
  'credential broker_deployment_id white space': { block: CREDENTIAL_RESOURCE, body: credential('').replace(DEPLOYMENT, '  '), attribute: 'broker_deployment_id', says: NOT_UUID },
  'credential environment_variable_name empty': { block: CREDENTIAL_RESOURCE, body: credential('').replace('"GITHUB_TOKEN"', '""'), attribute: 'environment_variable_name', says: /Expected an environment variable name/ },
  'credential environment_variable_name white space': { block: CREDENTIAL_RESOURCE, body: credential('').replace('"GITHUB_TOKEN"', '" "'), attribute: 'environment_variable_name', says: /Expected an environment variable name/ },
  'credential environment_variable_name with a space': { block: CREDENTIAL_RESOURCE, body: credential('').replace('"GITHUB_TOKEN"', '"GITHUB TOKEN"'), attribute: 'environment_variable_name', says: /Expected an environment variable name/ },
  'credential environment_variable_name of the wrong type': { block: CREDENTIAL_RESOURCE, body: credential('').replace('"GITHUB_TOKEN"', '["GITHUB_TOKEN"]'), attribute: 'environment_variable_name', says: WRONG_TYPE },
  'credential broker_connection_type empty': { block: CREDENTIAL_RESOURCE, body: credential('').replace('"github"', '""'), attribute: 'broker_connection_type', says: /Expected one of "github"/ },
  'credential broker_connection_type unknown': { block: CREDENTIAL_RESOURCE, body: credential('').replace('"github"', '"GitHub"'), attribute: 'broker_connection_type', says: /Expected one of .*got "GitHub"/ },
  'credential comment empty': { block: CREDENTIAL_RESOURCE, body: credential('comment = ""'), attribute: 'comment', says: BLANK },
  'credential comment white space': { block: CREDENTIAL_RESOURCE, body: credential('comment = "  "'), attribute: 'comment', says: BLANK },
  'credential comment of the wrong type': { block: CREDENTIAL_RESOURCE, body: credential('comment = ["note"]'), attribute: 'comment', says: WRONG_TYPE },
  'credential unknown argument': { block: CREDENTIAL_RESOURCE, body: credential('environment_variable = "X"'), attribute: 'environment_variable', says: UNKNOWN_KEY },

  'connection tenant_id empty': { block: CONNECTION_RESOURCE, body: connectionIds(`tenant_id = ""\napp_install_id = "${INSTALL}"\nbroker_deployment_id = "${DEPLOYMENT}"`), attribute: 'tenant_id', says: NOT_UUID },
  'connection app_install_id not a UUID': { block: CONNECTION_RESOURCE, body: connectionIds(`tenant_id = "${TENANT}"\napp_install_id = "x"\nbroker_deployment_id = "${DEPLOYMENT}"`), attribute: 'app_install_id', says: NOT_UUID },
  'connection broker_deployment_id white space': { block: CONNECTION_RESOURCE, body: connectionIds(`tenant_id = "${TENANT}"\napp_install_id = "${INSTALL}"\nbroker_deployment_id = " "`), attribute: 'broker_deployment_id', says: NOT_UUID },
  'connection name empty': { block: CONNECTION_RESOURCE, body: connectionWith({ name: 'name = ""' }), attribute: 'name', says: BLANK },
  'connection name white space': { block: CONNECTION_RESOURCE, body: connectionWith({ name: 'name = "   "' }), attribute: 'name', says: BLANK },
  'connection name of the wrong type': { block: CONNECTION_RESOURCE, body: connectionWith({ name: 'name = ["gitlab"]' }), attribute: 'name', says: WRONG_TYPE },
  'connection type empty': { block: CONNECTION_RESOURCE, body: connectionWith({ type: 'type = ""' }), attribute: 'type', says: /Expected one of "github"/ },
  'connection type unknown': { block: CONNECTION_RESOURCE, body: connectionWith({ type: 'type = "gitlabb"' }), attribute: 'type', says: /Expected one of .*got "gitlabb"/ },
  'connection configuration of the wrong type': { block: CONNECTION_RESOURCE, body: connectionWith({ configuration: 'configuration = "gitlab.example.com"' }), attribute: 'configuration', says: WRONG_TYPE },
  'connection configuration written as a block': { block: CONNECTION_RESOURCE, body: connectionWith({ configuration: 'configuration {\ngitlab_hostname = "gitlab.example.com"\n}' }), attribute: 'configuration', says: /Unsupported block type|An argument named "configuration" is required/ },
  'connection configuration empty': { block: CONNECTION_RESOURCE, body: connectionWith({ configuration: 'configuration = {}' }), attribute: 'configuration', says: /Missing configuration for a gitlab connection/ },
  'connection configuration misspelled key': { block: CONNECTION_RESOURCE, body: connection('gitlab_hostnam = "gitlab.example.com"'), attribute: 'gitlab_hostnam', says: /Unknown key "gitlab_hostnam" .*Did you mean "gitlab_hostname"\? A gitlab connection takes: broker_client_url, gitlab_hostname, gitlab_token_credential_id/ },
  'connection configuration key of another type': { block: CONNECTION_RESOURCE, body: connection('github_hostname = "ghe.example.com"'), attribute: 'github_hostname', says: /gitlab connections do not take github_hostname/ },
  'connection configuration value empty': { block: CONNECTION_RESOURCE, body: connectionWith({ configuration: `configuration = {\nbroker_client_url = "https://broker.example.com"\ngitlab_hostname = ""\ngitlab_token_credential_id = "${CREDENTIAL}"\n}` }), attribute: 'gitlab_hostname', says: BLANK },
  'connection configuration value white space': { block: CONNECTION_RESOURCE, body: connectionWith({ configuration: `configuration = {\nbroker_client_url = " "\ngitlab_hostname = "gitlab.example.com"\ngitlab_token_credential_id = "${CREDENTIAL}"\n}` }), attribute: 'broker_client_url', says: BLANK },
  'connection configuration credential id not a UUID': { block: CONNECTION_RESOURCE, body: connectionWith({ configuration: 'configuration = {\nbroker_client_url = "https://broker.example.com"\ngitlab_hostname = "gitlab.example.com"\ngitlab_token_credential_id = "GITLAB_TOKEN"\n}' }), attribute: 'gitlab_token_credential_id', says: /configuration.gitlab_token_credential_id is not a credential ID/ },
  'connection computed id set': { block: CONNECTION_RESOURCE, body: connection('').replace('name = "gitlab"', `name = "gitlab"\nid = "${CONNECTION}"`), attribute: 'id', says: COMPUTED_ONLY },
  'connection unknown argument': { block: CONNECTION_RESOURCE, body: connection('').replace('name = "gitlab"', 'name = "gitlab"\nconfig = {}'), attribute: 'config', says: UNKNOWN_KEY },

  'broker integration tenant_id empty': { block: BROKER_INTEGRATION, body: brokerIntegration('').replace(TENANT, ''), attribute: 'tenant_id', says: NOT_UUID },
  'broker integration broker_connection_id not a UUID': { block: BROKER_INTEGRATION, body: brokerIntegration('').replace(CONNECTION, 'gitlab'), attribute: 'broker_connection_id', says: NOT_UUID },
  'broker integration organization_id white space': { block: BROKER_INTEGRATION, body: brokerIntegration('').replace(ORG, ' '), attribute: 'organization_id', says: NOT_UUID },
  'broker integration type empty': { block: BROKER_INTEGRATION, body: brokerIntegration('').replace('"gitlab"', '""'), attribute: 'type', says: /Expected one of "github"/ },
  'broker integration type unknown': { block: BROKER_INTEGRATION, body: brokerIntegration('').replace('"gitlab"', '"GitLab"'), attribute: 'type', says: /Expected one of .*got "GitLab"/ },
  'broker integration integration_id not a UUID': { block: BROKER_INTEGRATION, body: brokerIntegration('integration_id = "gitlab"'), attribute: 'integration_id', says: NOT_UUID },
  'broker integration integration_id empty': { block: BROKER_INTEGRATION, body: brokerIntegration('integration_id = ""'), attribute: 'integration_id', says: NOT_UUID },
  'broker integration family with a bad id': { block: BROKER_INTEGRATION, body: brokerIntegration(`classic_family_organization_ids = ["${ORG}", "platform"]`), attribute: 'classic_family_organization_ids', says: /Element \d+: Expected a UUID .*, got "platform"/ },
  'broker integration family with an empty id': { block: BROKER_INTEGRATION, body: brokerIntegration(`classic_family_organization_ids = ["${ORG}", ""]`), attribute: 'classic_family_organization_ids', says: /Element \d+: Expected a UUID .*, got ""/ },
  'broker integration family of the wrong type': { block: BROKER_INTEGRATION, body: brokerIntegration(`classic_family_organization_ids = "${ORG}"`), attribute: 'classic_family_organization_ids', says: WRONG_TYPE },
  'broker integration computed id set': { block: BROKER_INTEGRATION, body: brokerIntegration(`id = "${INTEGRATION}"`), attribute: 'id', says: COMPUTED_ONLY },
  'broker integration unknown argument': { block: BROKER_INTEGRATION, body: brokerIntegration('connection_id = "x"'), attribute: 'connection_id', says: UNKNOWN_KEY },

  'deployments data source tenant_id empty': { block: DEPLOYMENTS_DATA, body: 'tenant_id = ""', attribute: 'tenant_id', says: NOT_UUID },
  'deployments data source tenant_id white space': { block: DEPLOYMENTS_DATA, body: 'tenant_id = " "', attribute: 'tenant_id', says: NOT_UUID },
  'deployments data source tenant_id not a UUID': { block: DEPLOYMENTS_DATA, body: 'tenant_id = "acme"', attribute: 'tenant_id', says: NOT_UUID },
  'deployments data source without tenant_id': { block: DEPLOYMENTS_DATA, body: `organization_id = "${ORG}"`, attribute: 'tenant_id', says: /The argument "tenant_id" is required/ },
  'deployments data source app_install_id not a UUID': { block: DEPLOYMENTS_DATA, body: `tenant_id = "${TENANT}"\napp_install_id = "x"`, attribute: 'app_install_id', says: NOT_UUID },
  'deployments data source organization_id of the wrong type': { block: DEPLOYMENTS_DATA, body: `tenant_id = "${TENANT}"\norganization_id = ["${ORG}"]`, attribute: 'organization_id', says: WRONG_TYPE },
  'deployments data source computed deployments set': { block: DEPLOYMENTS_DATA, body: `tenant_id = "${TENANT}"\ndeployments = []`, attribute: 'deployments', says: COMPUTED_ONLY },
  'deployments data source unknown argument': { block: DEPLOYMENTS_DATA, body: `tenant_id = "${TENANT}"\ntenant = "x"`, attribute: 'tenant', says: UNKNOWN_KEY },

  'connections data source tenant_id not a UUID': { block: CONNECTIONS_DATA, body: 'tenant_id = "acme"', attribute: 'tenant_id', says: NOT_UUID },
  'connections data source organization_id empty': { block: CONNECTIONS_DATA, body: 'organization_id = ""', attribute: 'organization_id', says: NOT_UUID },
  'connections data source broker_deployment_id white space': { block: CONNECTIONS_DATA, body: `tenant_id = "${TENANT}"\nbroker_deployment_id = "  "`, attribute: 'broker_deployment_id', says: NOT_UUID },
  'connections data source neither tenant_id nor organization_id': { block: CONNECTIONS_DATA, body: '', attribute: 'organization_id', says: /Set tenant_id or organization_id/ },
  'connections data source deployment without tenant': { block: CONNECTIONS_DATA, body: `organization_id = "${ORG}"\nbroker_deployment_id = "${DEPLOYMENT}"`, attribute: 'broker_deployment_id', says: /broker_deployment_id needs tenant_id/ },
  'connections data source computed connections set': { block: CONNECTIONS_DATA, body: `tenant_id = "${TENANT}"\nconnections = []`, attribute: 'connections', says: COMPUTED_ONLY },
  'connections data source unknown argument': { block: CONNECTIONS_DATA, body: `tenant_id = "${TENANT}"\ndeployment_id = "${DEPLOYMENT}"`, attribute: 'deployment_id', says: UNKNOWN_KEY },
};

/** Provider blocks: each case gets an aliased provider and a data source that uses it (Terraform skips unused ones). */
const PROVIDER_CASES: Record<string, BadInput> = {
  'provider token empty': { block: '', body: 'token = ""', attribute: 'token', says: BLANK },
  'provider token white space': { block: '', body: 'token = "  "', attribute: 'token', says: BLANK },
  'provider oauth_token empty': { block: '', body: 'oauth_token = ""', attribute: 'oauth_token', says: BLANK },
  'provider region unknown': { block: '', body: 'region = "SNYK-MARS-01"', attribute: 'region', says: /Expected one of SNYK-US-01, .*got "SNYK-MARS-01"/ },
  'provider region empty': { block: '', body: 'region = ""', attribute: 'region', says: BLANK },
  'provider region of the wrong type': { block: '', body: 'region = ["SNYK-EU-01"]', attribute: 'region', says: WRONG_TYPE },
  'provider api_url white space': { block: '', body: 'api_url = "  "', attribute: 'api_url', says: BLANK },
  'provider api_url with a password and a bad port': {
    block: '',
    body: 'api_url = "https://ci-bot:SECRET@api.eu.snyk.io:99999"',
    attribute: 'api_url',
    says: /Invalid Snyk API URL "https:\/\/\[user-info removed\]@api.eu.snyk.io:99999"/,
  },
  'provider api_url over plain HTTP': { block: '', body: 'api_url = "http://api.snyk.io"', attribute: 'api_url', says: /use https:\/\// },
  'provider api_url with a query': { block: '', body: 'api_url = "https://api.snyk.io/?key=abc"', attribute: 'api_url', says: /must not contain a query string/ },
  'provider unknown argument': { block: '', body: 'tokn = "x"', attribute: 'tokn', says: /Did you mean "token"/ },
};

interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  readonly range?: { start: { line: number } };
  readonly snippet?: { code: string };
}

/** Lays the cases out in one file and remembers the lines each one occupies. */
function layOut(cases: Record<string, BadInput>, render: (name: string, bad: BadInput, index: number) => string): { hcl: string; caseAt: (line: number) => string | undefined } {
  const lines = REQUIRED_PROVIDERS.split('\n');
  const spans: Array<{ name: string; first: number; last: number }> = [];
  Object.entries(cases).forEach(([name, bad], index) => {
    const block = render(name, bad, index).split('\n');
    spans.push({ name, first: lines.length + 1, last: lines.length + block.length });
    lines.push(...block);
  });
  return { hcl: lines.join('\n'), caseAt: (line) => spans.find((span) => line >= span.first && line <= span.last)?.name };
}

function renderBlock(bad: BadInput, label: string, extra = ''): string {
  return `${bad.block} "${label}" {\n${extra}${bad.body}\n}\n`;
}

function renderProviderCase(bad: BadInput, index: number): string {
  return `provider "snyk" {\nalias = "case_${index}"\n${bad.body}\n}\ndata "snyk_organization" "provider_case_${index}" {\nprovider = snyk.case_${index}\nslug = "platform"\n}\n`;
}

function byCase(diagnostics: readonly Diagnostic[], caseAt: (line: number) => string | undefined): Map<string, Diagnostic[]> {
  const grouped = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const name = diagnostic.range ? caseAt(diagnostic.range.start.line) : undefined;
    const key = name ?? '(no case)';
    grouped.set(key, [...(grouped.get(key) ?? []), diagnostic]);
  }
  return grouped;
}

/** The error names the argument: in its own words, or by pointing at the source line that sets it. */
function namesAttribute(diagnostic: Diagnostic, attribute: string): boolean {
  return `${diagnostic.summary} ${diagnostic.detail}`.includes(attribute) || (diagnostic.snippet?.code ?? '').includes(attribute);
}

describe('bad input is an error at validate or plan, naming the argument, before any Snyk API call', () => {
  let emulator: RunningEmulator;
  let workspace: TerraformWorkspace;

  beforeAll(async () => {
    emulator = await startEmulator();
    workspace = createTerraformWorkspace({ SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url });
    workspace.writeFile('main.tf', REQUIRED_PROVIDERS);
    await workspace.mustTerraform(['init', '-no-color']);
  });

  afterAll(async () => {
    workspace?.cleanup();
    await emulator?.close();
  });

  beforeEach(() => emulator.clearRequests());

  async function validate(hcl: string): Promise<Diagnostic[]> {
    workspace.writeFile('main.tf', hcl);
    const result = await workspace.terraform(['validate', '-json', '-no-color']);
    return (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  }

  function expectEachCaseCaught(cases: Record<string, BadInput>, grouped: Map<string, Diagnostic[]>): void {
    const misses: string[] = [];
    for (const [name, bad] of Object.entries(cases)) {
      const errors = (grouped.get(name) ?? []).filter((diagnostic) => diagnostic.severity === 'error');
      const text = errors.map((error) => `${error.summary}: ${error.detail}`).join(' / ');
      if (errors.length === 0) misses.push(`${name}: no error`);
      else if (!errors.some((error) => bad.says.test(`${error.summary} ${error.detail}`.replace(/\s+/g, ' ')))) misses.push(`${name}: ${text}`);
      else if (!errors.every((error) => namesAttribute(error, bad.attribute))) misses.push(`${name}: an error does not name ${bad.attribute}: ${text}`);
    }
    expect(misses).toEqual([]);
    expect(grouped.get('(no case)') ?? []).toEqual([]);
  }

  test('resources and data sources: every case is caught by terraform validate', async () => {
    const { hcl, caseAt } = layOut(CASES, (_name, bad, index) => renderBlock(bad, `case_${index}`));
    expectEachCaseCaught(CASES, byCase(await validate(hcl), caseAt));
    expect(emulator.requests()).toEqual([]);
  });

  test('the provider block: every case is caught by terraform validate, and no message repeats a password', async () => {
    const { hcl, caseAt } = layOut(PROVIDER_CASES, (_name, bad, index) => renderProviderCase(bad, index));
    const diagnostics = await validate(hcl);
    expectEachCaseCaught(PROVIDER_CASES, byCase(diagnostics, caseAt));
    expect(diagnostics.map((diagnostic) => `${diagnostic.summary} ${diagnostic.detail}`).join('\n')).not.toContain('SECRET');
    expect(emulator.requests()).toEqual([]);
  });

  test('values known only at plan time are checked at plan, before any call', async () => {
    workspace.writeFile(
      'main.tf',
      `${REQUIRED_PROVIDERS}
variable "name" { type = string }
variable "limit" { type = number }
variable "slug" { type = string }
resource "snyk_organization" "org" {
  name = var.name
}
resource "snyk_integration" "github" {
  organization_id = "${ORG}"
  type            = "github"
  broker          = true
  settings {
    auto_dep_upgrade_limit = var.limit
  }
}
data "snyk_organization" "lookup" {
  slug = var.slug
}
variable "gitlab" { type = map(string) }
resource "snyk_broker_connection" "gitlab" {
  ${connectionWith({ configuration: 'configuration = var.gitlab' })}
}
`,
    );
    const gitlab = JSON.stringify({ broker_client_url: 'https://broker.example.com', gitlab_hostnam: 'gitlab.example.com', gitlab_token_credential_id: CREDENTIAL });
    const plan = await workspace.terraform(['plan', '-no-color', '-input=false', '-var', 'name= ', '-var', 'limit=11', '-var', 'slug=Not A Slug', '-var', `gitlab=${gitlab}`]);
    expect(plan.code).toBe(1);
    const errors = plan.stderr.replace(/\s+/g, ' ');
    expect(errors).toContain('Invalid value for name');
    expect(errors).toContain('Invalid value for settings.auto_dep_upgrade_limit');
    expect(errors).toContain('Expected a whole number from 1 to 10, got 11.');
    expect(errors).toContain('Invalid value for slug');
    expect(errors).toContain('Unknown key "gitlab_hostnam" in configuration');
    expect(errors).toContain('Did you mean "gitlab_hostname"?');
    expect(emulator.requests()).toEqual([]);
  });

  test('values known only at apply time are checked before the resource makes its first call', async () => {
    workspace.writeFile(
      'main.tf',
      `${REQUIRED_PROVIDERS}
resource "snyk_organization" "first" {
  name     = "first"
  group_id = "${emulator.defaultGroupId}"
}
resource "snyk_organization" "second" {
  name     = "${'$'}{snyk_organization.first.slug} "
  group_id = "${emulator.defaultGroupId}"
}
resource "snyk_integration_clone" "into_itself" {
  source_organization_id      = snyk_organization.first.id
  source_integration_id       = "${INTEGRATION}"
  destination_organization_id = snyk_organization.first.id
}
`,
    );
    const apply = await workspace.terraform(['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(apply.code).toBe(1);
    const errors = apply.stderr.replace(/\s+/g, ' ');
    expect(errors).toMatch(/Invalid value for name .*Expected no white space at the start or end, got "first "/);
    expect(errors).toContain('Clone into the same organization');
    // Only the first organization was created; neither bad resource made a call.
    expect(emulator.requests().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/org']);
    // Remove what was created (destroy would re-check the still-bad configuration).
    workspace.writeFile('main.tf', REQUIRED_PROVIDERS);
    await workspace.mustTerraform(['apply', '-auto-approve', '-no-color', '-input=false']);
  });

  test('a provider setting known only at plan time is checked at plan, before any call', async () => {
    workspace.writeFile(
      'main.tf',
      `${REQUIRED_PROVIDERS}\nvariable "region" { type = string }\nprovider "snyk" {\n  region = var.region\n}\ndata "snyk_organization" "lookup" {\n  slug = "platform"\n}\n`,
    );
    const plan = await workspace.terraform(['plan', '-no-color', '-input=false', '-var', 'region=SNYK-MARS-01']);
    expect(plan.code).toBe(1);
    expect(plan.stderr.replace(/\s+/g, ' ')).toMatch(/Invalid value for region .* Expected one of SNYK-US-01, .*got "SNYK-MARS-01"/);
    expect(emulator.requests()).toEqual([]);
  });
});
