import { CtyType } from '../plugin/cty-type';
import { coerceJsonValue, parseRawStateJson } from '../plugin/json-state';
import { AttributeMap, objectType } from './attributes';
import { diagnosticFromError, Diagnostics } from './diagnostics';
import { ResourceDefinition } from './resource';
import { ObjectValue } from './values';

export interface UpgradeResult {
  readonly state: ObjectValue | null;
  readonly diagnostics: Diagnostics;
}

/**
 * Reads stored state written with schema `storedVersion`, runs the upgraders up to the current version, then makes
 * it fit the current schema (`type`, the cty type of its attributes): attributes the schema no longer has are dropped,
 * new ones read as null.
 */
export function upgradeState(
  definition: ResourceDefinition<Record<string, unknown>, unknown>,
  storedVersion: number,
  json: Uint8Array | undefined,
  type: CtyType = objectType(definition.attributes as AttributeMap),
): UpgradeResult {
  const diagnostics = new Diagnostics();
  const currentVersion = definition.version ?? 0;
  if (json === undefined || json.length === 0) {
    diagnostics.addError([], 'Unsupported state format', `The stored state of this ${definition.typeName} is in the legacy flatmap format, which this provider cannot read.`);
    return { state: null, diagnostics };
  }
  if (storedVersion > currentVersion) {
    diagnostics.addError(
      [],
      'State written by a newer provider',
      `This ${definition.typeName} was stored with schema version ${storedVersion}, but this provider knows version ${currentVersion} at most. Use a newer provider version.`,
    );
    return { state: null, diagnostics };
  }
  try {
    let raw = parseRawStateJson(json);
    for (let version = storedVersion; version < currentVersion; version++) {
      const upgrader = definition.upgraders?.[version];
      if (!upgrader) throw new Error(`No upgrader from schema version ${version} of ${definition.typeName}.`);
      raw = upgrader(raw);
    }
    return { state: coerceJsonValue(raw, type) as ObjectValue, diagnostics };
  } catch (error) {
    diagnostics.append([diagnosticFromError(error, `Failed to upgrade the stored state of ${definition.typeName}`)]);
    return { state: null, diagnostics };
  }
}
