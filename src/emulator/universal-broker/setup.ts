import { randomUUID } from 'node:crypto';
import { BehaviorSet } from '../behaviors';
import { EmulatorModel } from '../model';
import { EmulatorState } from '../state';
import { ApiKeyGrantOption, TenantAccess } from './access';
import { UniversalBrokerModel } from './model';
import { initialUniversalBrokerState, isUniversalBrokerState, UniversalBrokerState } from './state';

/** A tenant to have at start: with its own group and org, so that keys granted in it have something to set up. */
export interface TenantOption {
  readonly id: string;
  readonly name?: string;
}

/** The Universal Broker options of `startEmulator`. */
export interface UniversalBrokerOptions {
  /** Tenants besides the default one (which holds the first group and every group no tenant claims). */
  readonly tenants?: readonly TenantOption[];
  /** More API keys and their role: `{ 'key-1': 'tenant-member', 'key-2': { role: 'tenant-admin', tenantId: 't2' } }`. */
  readonly apiKeys?: Readonly<Record<string, ApiKeyGrantOption>>;
}

/** The persisted Universal Broker state, added to a state file that has none (files written before it existed). */
function universalBrokerStateOf(state: EmulatorState): UniversalBrokerState {
  if (!isUniversalBrokerState(state.universalBroker)) {
    state.universalBroker = initialUniversalBrokerState(randomUUID());
  }
  return state.universalBroker;
}

/**
 * Builds the Universal Broker model over the emulator's state (mutated in place, so it is persisted with the rest).
 * The emulator's own key is a Tenant Admin of the default tenant, so the quickstart needs nothing more.
 */
export function createUniversalBroker(
  state: EmulatorState,
  classic: EmulatorModel,
  behaviors: BehaviorSet,
  defaultKey: string,
  options: UniversalBrokerOptions = {},
): UniversalBrokerModel {
  const data = universalBrokerStateOf(state);
  const access = new TenantAccess(data.defaultTenantId, defaultKey, options.apiKeys);
  const model = new UniversalBrokerModel(data, classic, access, behaviors);
  for (const tenant of options.tenants ?? []) {
    if (!data.tenants.some((candidate) => candidate.id === tenant.id)) {
      const name = tenant.name ?? `Tenant ${tenant.id}`;
      const group = classic.createGroup(`${name} Group`);
      classic.createOrg({ name: `${name} Org`, groupId: group.id });
      model.addTenant({ id: tenant.id, name, groupIds: [group.id] });
    }
  }
  return model;
}
