export { startEmulator } from './emulator';
export type { EmulatorOptions, RunningEmulator } from './emulator';
export type { FaultRule, FaultResponse } from './faults';
export type { RequestLogEntry } from './request-log';
export type { EmulatorState, GroupRecord, OrgRecord, IntegrationRecord, TokenFamilyRecord, UserRecord, IntegrationSettings } from './state';
export { STATE_VERSION } from './state';
export { BEHAVIOR_TABLE, BEHAVIOR_NAMES, defaultBehaviors } from './behaviors';
export type { BehaviorName, BehaviorValue, BehaviorSettings, BehaviorOverrides, BehaviorListing, BehaviorDefinition } from './behaviors';
