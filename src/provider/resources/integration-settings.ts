import { IntegrationSettings } from '../../snyk';
import { attr, eachElement, notBlank, types, uniqueElements, wholeNumberBetween } from '../framework';

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

/** Snyk's documented range for open dependency-upgrade pull requests ("between 1 and 10"; 5 by default). */
export const AUTO_DEP_UPGRADE_LIMIT = { minimum: 1, maximum: 10 } as const;

/**
 * A block, not an object attribute: Terraform drops an unknown key from an object value without a word, but rejects
 * an unknown argument in a block at `terraform validate` (naming it, with a "Did you mean" for a near miss).
 */
export const integrationSettingsAttribute = attr.block(
  {
    auto_dep_upgrade_enabled: attr.bool({ optional: true, description: 'Open pull requests that upgrade dependencies automatically.' }),
    auto_dep_upgrade_limit: attr.number({
      optional: true,
      description:
        `At most this many dependency-upgrade pull requests open at once: a whole number from ${AUTO_DEP_UPGRADE_LIMIT.minimum} ` +
        `to ${AUTO_DEP_UPGRADE_LIMIT.maximum}, as Snyk documents.`,
      validators: [wholeNumberBetween(AUTO_DEP_UPGRADE_LIMIT.minimum, AUTO_DEP_UPGRADE_LIMIT.maximum)],
    }),
    auto_dep_upgrade_ignored_dependencies: attr.list(types.string, {
      optional: true,
      description: 'Dependencies never upgraded automatically: package names, each once.',
      validators: [eachElement(notBlank()), uniqueElements()],
    }),
    auto_dep_upgrade_min_age: attr.number({
      optional: true,
      description: 'Only upgrade to versions at least this many days old: a whole number of days, 0 or more.',
      validators: [wholeNumberBetween(0)],
    }),
    pull_request_test_enabled: attr.bool({ optional: true, description: 'Test pull requests for new issues.' }),
    pull_request_fail_on_any_vulns: attr.bool({ optional: true, description: 'Fail the pull request check on any vulnerability, not only new ones.' }),
    pull_request_fail_only_for_high_severity: attr.bool({ optional: true, description: 'Fail the pull request check only for high-severity issues.' }),
    dockerfile_scm_enabled: attr.bool({ optional: true, description: 'Detect Dockerfiles in repositories.' }),
  },
  {
    description:
      'Integration settings managed by Terraform, written as a block: `settings { pull_request_test_enabled = true }`. Only the ' +
      'settings set here are managed; Snyk keeps its values for the rest. An argument not listed here is an error at ' +
      '`terraform validate`.',
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
