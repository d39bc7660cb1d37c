import { credentialProblems, isIntegrationType } from '../snyk/integration-types';

// The credential table is Snyk's documented fact, kept once in src/snyk; the emulator enforces it like the API does.
export { isIntegrationType };

/**
 * Checks a credentials object against its type and returns a problem description, or undefined when it is acceptable.
 * The description names fields only, never their values.
 */
export function credentialsProblem(type: string, credentials: Record<string, unknown>): string | undefined {
  if (!isIntegrationType(type)) {
    return `unknown integration type "${type}"`;
  }
  const present = Object.keys(credentials).filter((name) => credentials[name] !== '' && credentials[name] !== undefined);
  const problems = credentialProblems(type, present);
  if (problems.length > 0) {
    return problems.map((problem) => problem.message).join('; ');
  }
  const notString = Object.keys(credentials).filter((name) => typeof credentials[name] !== 'string');
  return notString.length > 0 ? `credentials fields must be strings: ${notString.join(', ')}` : undefined;
}

type SettingKind = 'boolean' | 'number' | 'string' | 'string[]' | 'object';

const SETTING_KINDS: Readonly<Record<string, SettingKind>> = {
  autoDepUpgradeEnabled: 'boolean',
  autoDepUpgradeLimit: 'number',
  autoDepUpgradeIgnoredDependencies: 'string[]',
  autoDepUpgradeMinAge: 'number',
  pullRequestTestEnabled: 'boolean',
  pullRequestFailOnAnyVulns: 'boolean',
  pullRequestFailOnlyForHighSeverity: 'boolean',
  pullRequestTestCodeEnabled: 'boolean',
  pullRequestTestCodeSeverity: 'string',
  pullRequestAssignment: 'string',
  autoRemediationPrs: 'object',
  manualRemediationPrs: 'object',
  dockerfileSCMEnabled: 'boolean',
};

/** What a new integration's settings look like before anyone changes them. */
export function defaultSettings(): Record<string, unknown> {
  return {
    pullRequestTestEnabled: true,
    pullRequestFailOnAnyVulns: false,
    pullRequestFailOnlyForHighSeverity: false,
    autoDepUpgradeEnabled: false,
    dockerfileSCMEnabled: false,
  };
}

/** Checks a partial settings object: known fields with values of the documented kind. */
export function settingsProblem(settings: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(settings)) {
    const kind = SETTING_KINDS[name];
    if (kind === undefined) {
      return `unknown setting "${name}"`;
    }
    if (!hasKind(value, kind)) {
      return `setting "${name}" must be ${kind === 'string[]' ? 'an array of strings' : `a ${kind}`}`;
    }
  }
  return undefined;
}

function hasKind(value: unknown, kind: SettingKind): boolean {
  switch (kind) {
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'string':
      return typeof value === 'string' || value === null;
    default:
      return typeof value === kind;
  }
}
