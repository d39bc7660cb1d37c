import { IntegrationSettings } from '../../snyk';
import { attr, types } from '../framework';

/** The `settings` block of `snyk_integration`: Snyk's documented scalar settings, in Terraform's snake_case. */
export interface IntegrationSettingsModel {
  auto_dep_upgrade_enabled: boolean | null;
  auto_dep_upgrade_limit: number | null;
  auto_dep_upgrade_ignored_dependencies: string[] | null;
  auto_dep_upgrade_min_age: number | null;
  pull_request_test_enabled: boolean | null;
  pull_request_fail_on_any_vulns: boolean | null;
  pull_request_fail_only_for_high_severity: boolean | null;
  dockerfile_scm_enabled: boolean | null;
}

type SettingName = keyof IntegrationSettingsModel;

/** Terraform name -> Snyk API name. */
const API_NAMES: Record<SettingName, keyof IntegrationSettings> = {
  auto_dep_upgrade_enabled: 'autoDepUpgradeEnabled',
  auto_dep_upgrade_limit: 'autoDepUpgradeLimit',
  auto_dep_upgrade_ignored_dependencies: 'autoDepUpgradeIgnoredDependencies',
  auto_dep_upgrade_min_age: 'autoDepUpgradeMinAge',
  pull_request_test_enabled: 'pullRequestTestEnabled',
  pull_request_fail_on_any_vulns: 'pullRequestFailOnAnyVulns',
  pull_request_fail_only_for_high_severity: 'pullRequestFailOnlyForHighSeverity',
  dockerfile_scm_enabled: 'dockerfileSCMEnabled',
};

const SETTING_NAMES = Object.keys(API_NAMES) as SettingName[];

export const integrationSettingsAttribute = attr.object(
  {
    auto_dep_upgrade_enabled: attr.bool({ optional: true, description: 'Open pull requests that upgrade dependencies automatically.' }),
    auto_dep_upgrade_limit: attr.number({ optional: true, description: 'At most this many dependency-upgrade pull requests open at once.' }),
    auto_dep_upgrade_ignored_dependencies: attr.list(types.string, { optional: true, description: 'Dependencies never upgraded automatically.' }),
    auto_dep_upgrade_min_age: attr.number({ optional: true, description: 'Only upgrade to versions at least this many days old.' }),
    pull_request_test_enabled: attr.bool({ optional: true, description: 'Test pull requests for new issues.' }),
    pull_request_fail_on_any_vulns: attr.bool({ optional: true, description: 'Fail the pull request check on any vulnerability, not only new ones.' }),
    pull_request_fail_only_for_high_severity: attr.bool({ optional: true, description: 'Fail the pull request check only for high-severity issues.' }),
    dockerfile_scm_enabled: attr.bool({ optional: true, description: 'Detect Dockerfiles in repositories.' }),
  },
  {
    optional: true,
    description: 'Integration settings managed by Terraform. Only the settings set here are managed; Snyk keeps its defaults for the rest.',
  },
);

/** The API body for the settings this block sets (null fields are left alone). */
export function settingsToApi(model: IntegrationSettingsModel): IntegrationSettings {
  const body: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    if (model[name] !== null) body[API_NAMES[name]] = model[name];
  }
  return body as IntegrationSettings;
}

/** The managed settings as Snyk now has them: fields the configuration leaves null stay null (no drift on defaults). */
export function settingsFromApi(managed: IntegrationSettingsModel, actual: IntegrationSettings): IntegrationSettingsModel {
  const result = { ...managed };
  for (const name of SETTING_NAMES) {
    if (managed[name] === null) continue;
    const value = actual[API_NAMES[name]];
    (result as Record<SettingName, unknown>)[name] = value === undefined ? null : Array.isArray(value) ? [...value] : value;
  }
  return result;
}

export function hasManagedSettings(model: IntegrationSettingsModel | null): model is IntegrationSettingsModel {
  return model !== null && SETTING_NAMES.some((name) => model[name] !== null);
}
