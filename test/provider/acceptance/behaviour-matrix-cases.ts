import { BehaviorOverrides } from '../../../src/emulator';

/**
 * Every value of every undocumented Snyk behaviour the emulator can switch (the classic-API ones), one at a time,
 * then all the hardest at once: the core lifecycle converges with the right tokens under each. A test checks that
 * the list covers every classic-API switch.
 */
export const ONE_AT_A_TIME: ReadonlyArray<[string, BehaviorOverrides]> = [
  ['spec-true defaults', {}],
  ['integration-post-broker-token=include', { 'integration-post-broker-token': 'include' }],
  ['broker-reenable=same-token', { 'broker-reenable': 'same-token' }],
  ['broker-reenable=refuse', { 'broker-reenable': 'refuse' }],
  ['provision-conflict-status=400', { 'provision-conflict-status': '400' }],
  ['provision-conflict-status=422', { 'provision-conflict-status': '422' }],
  ['provision-conflict-scope=group', { 'provision-conflict-scope': 'group' }],
  ['switch-without-provisional-status=400', { 'switch-without-provisional-status': '400' }],
  ['switch-without-provisional-status=404', { 'switch-without-provisional-status': '404' }],
  ['integration-by-type-missing-status=400', { 'integration-by-type-missing-status': '400' }],
  ['org-delete-with-projects-status=400', { 'org-delete-with-projects-status': '400' }],
  ['org-delete-with-projects-status=422', { 'org-delete-with-projects-status': '422' }],
  ['integration-duplicate-type-status=400', { 'integration-duplicate-type-status': '400' }],
  ['integration-duplicate-type-status=422', { 'integration-duplicate-type-status': '422' }],
  ['credentials-on-brokered-status=409', { 'credentials-on-brokered-status': '409' }],
  ['credentials-on-brokered-status=422', { 'credentials-on-brokered-status': '422' }],
  ['disable-without-credentials-status=422', { 'disable-without-credentials-status': '422' }],
  ['clone-across-groups-status=403', { 'clone-across-groups-status': '403' }],
  ['clone-across-groups-status=422', { 'clone-across-groups-status': '422' }],
  ['integration-put-answer=id', { 'integration-put-answer': 'id' }],
  ['credentials-empty-string=reject', { 'credentials-empty-string': 'reject' }],
  ['settings-unknown-key=ignore', { 'settings-unknown-key': 'ignore' }],
  ['settings-get-omits-unset=yes', { 'settings-get-omits-unset': 'yes' }],
  ['rate-limit=snyk', { 'rate-limit': 'snyk' }],
  ['rate-limit=200/min', { 'rate-limit': '200/min' }],
  ['retry-after-header=omit', { 'retry-after-header': 'omit' }],
];

export const HARDEST: BehaviorOverrides = {
  'integration-post-broker-token': 'omit',
  'broker-reenable': 'refuse',
  'provision-conflict-status': '400',
  'provision-conflict-scope': 'group',
  'switch-without-provisional-status': '400',
  'integration-by-type-missing-status': '400',
  'org-delete-with-projects-status': '400',
  'integration-duplicate-type-status': '400',
  'credentials-on-brokered-status': '422',
  'disable-without-credentials-status': '422',
  'clone-across-groups-status': '403',
  'integration-put-answer': 'id-and-token',
  'credentials-empty-string': 'reject',
  'settings-unknown-key': 'ignore',
  'settings-get-omits-unset': 'yes',
  'rate-limit': 'snyk',
  'retry-after-header': 'omit',
};

/** The matrix in two halves, one per test file, so that two jest workers share it. */
export const FIRST_HALF = ONE_AT_A_TIME.slice(0, Math.ceil(ONE_AT_A_TIME.length / 2));
export const SECOND_HALF = ONE_AT_A_TIME.slice(FIRST_HALF.length);
