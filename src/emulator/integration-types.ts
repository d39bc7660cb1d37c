import { credentialProblems, isIntegrationType } from '../snyk/integration-types';

// The credential table is Snyk's documented fact, kept once in src/snyk; the emulator enforces it like the API does.
export { isIntegrationType };

/**
 * Checks a credentials object against its type and returns a problem description, or undefined when it is acceptable.
 * The description names fields only, never their values.
 */
export function credentialsProblem(type: string, credentials: Record<string, unknown>, emptyStrings: 'accept' | 'reject' = 'reject'): string | undefined {
  if (!isIntegrationType(type)) {
    return `unknown integration type "${type}"`;
  }
  const present = Object.keys(credentials).filter((name) => credentials[name] !== undefined && (emptyStrings === 'accept' || credentials[name] !== ''));
  const problems = credentialProblems(type, present);
  if (problems.length > 0) {
    return problems.map((problem) => problem.message).join('; ');
  }
  const notString = Object.keys(credentials).filter((name) => typeof credentials[name] !== 'string');
  return notString.length > 0 ? `credentials fields must be strings: ${notString.join(', ')}` : undefined;
}

type SettingKind = 'boolean' | 'number' | 'string' | 'string[]' | 'object' | 'assignment';

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
  // The v1 spec says string (its example is a JSON text); Snyk's API Blueprint and client types send an object.
  pullRequestAssignment: 'assignment',
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

const KIND_NAMES: Readonly<Record<SettingKind, string>> = {
  boolean: 'a boolean',
  number: 'a number',
  string: 'a string',
  'string[]': 'an array of strings',
  object: 'an object',
  assignment: 'a string or an object {enabled: boolean, type?: "auto" | "manual", assignees?: string[]}',
};

/** The setting names Snyk documents. */
export const SETTING_NAMES: readonly string[] = Object.keys(SETTING_KINDS);

/** The names in a settings object that Snyk does not document. */
export function unknownSettings(settings: Record<string, unknown>): string[] {
  return Object.keys(settings).filter((name) => SETTING_KINDS[name] === undefined);
}

/** Checks the known fields of a partial settings object against their documented kinds (unknown ones are not checked here). */
export function settingsProblem(settings: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(settings)) {
    const kind = SETTING_KINDS[name];
    if (kind !== undefined && !hasKind(value, kind)) {
      return `setting "${name}" must be ${KIND_NAMES[kind]}`;
    }
  }
  return undefined;
}

function isAssignment(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const { enabled, type, assignees, ...rest } = value as Record<string, unknown>;
  return (
    typeof enabled === 'boolean' &&
    (type === undefined || type === 'auto' || type === 'manual') &&
    (assignees === undefined || (Array.isArray(assignees) && assignees.every((item) => typeof item === 'string'))) &&
    Object.keys(rest).length === 0
  );
}

function hasKind(value: unknown, kind: SettingKind): boolean {
  switch (kind) {
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'string':
      return typeof value === 'string' || value === null;
    case 'assignment':
      return typeof value === 'string' || value === null || isAssignment(value);
    default:
      return typeof value === kind;
  }
}
