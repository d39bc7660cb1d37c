import { credentialProblems, describeCredentialFields, isIntegrationType } from '../../snyk';
import { Diagnostics } from '../framework';
import { isUnknown, UnknownValue } from '../plugin/unknown';

type ConfigValue<T> = T | UnknownValue | null;

/**
 * Checks at validate/plan time that an integration's configuration can work: a non-brokered integration needs the
 * credential fields its type requires; a brokered one takes none (its broker client holds them). Unknown values are
 * left for the next check, once they are known.
 */
export function checkIntegrationCredentials(
  diagnostics: Diagnostics,
  config: { type: ConfigValue<string>; broker: ConfigValue<boolean>; credentials: ConfigValue<Record<string, string>> },
): void {
  const { type, broker, credentials } = config;
  if (isUnknown(broker) || isUnknown(credentials)) return;
  if (broker === true) {
    if (credentials !== null) {
      diagnostics.addError(
        ['credentials'],
        'A brokered integration takes no credentials',
        'With broker = true the broker client holds the SCM or registry credentials. Remove `credentials`, or set broker = false.',
      );
    }
    return;
  }
  if (isUnknown(type) || type === null || !isIntegrationType(type)) return;
  const accepted = `A ${type} integration takes: ${describeCredentialFields(type)}.`;
  if (credentials === null) {
    diagnostics.addError(['credentials'], 'Missing credentials', `An integration without the broker needs credentials. ${accepted} Or set broker = true.`);
    return;
  }
  for (const problem of credentialProblems(type, Object.keys(credentials))) {
    if (problem.kind === 'missing') diagnostics.addError(['credentials'], `Missing credential field "${problem.field}"`, accepted);
    else diagnostics.addError(['credentials', problem.field], `Unknown credential field "${problem.field}"`, accepted);
  }
}
