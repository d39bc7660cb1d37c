import { ChangeKind } from './changes';
import { ActionCounts, StackSummary } from './summary';
import { WarningSeverity } from './warnings';

/** How each kind of change reads in every format. */
export const KIND_WORDS: { readonly [kind in ChangeKind]: string } = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  delete: 'destroy',
  read: 'read',
  forget: 'forget',
  'no-op': 'no change',
};

/** Terraform's own markers, used where a short symbol helps (the diagram). */
export const KIND_SYMBOLS: { readonly [kind in ChangeKind]: string } = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  read: '<=',
  forget: '.',
  'no-op': '',
};

export const SEVERITY_TITLES: { readonly [severity in WarningSeverity]: string } = {
  caution: 'Caution',
  warning: 'Warning',
  note: 'Note',
};

const COUNT_PHRASES: ReadonlyArray<[keyof ActionCounts, string]> = [
  ['create', 'to create'],
  ['update', 'to update'],
  ['replace', 'to replace'],
  ['delete', 'to destroy'],
  ['import', 'to import'],
  ['forget', 'to forget'],
  ['read', 'to read'],
];

/** `2 to create, 1 to destroy`, or `no changes`. */
export function countsText(counts: ActionCounts): string {
  const parts = COUNT_PHRASES.filter(([key]) => counts[key] > 0).map(([key, phrase]) => `${counts[key]} ${phrase}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

/** The section titles, in the order the sections appear. */
export const SECTIONS: ReadonlyArray<{ readonly key: 'organizations' | 'integrations' | 'brokerTokens' | 'clones'; readonly title: string; readonly noun: string }> = [
  { key: 'organizations', title: 'Organizations', noun: 'Organization' },
  { key: 'integrations', title: 'Integrations', noun: 'Integration' },
  { key: 'brokerTokens', title: 'Broker tokens', noun: 'Token' },
  { key: 'clones', title: 'Integration clones', noun: 'Clone' },
];

/** Whether the plan changes Snyk at all. */
export function hasSnykChanges(summary: StackSummary): boolean {
  return SECTIONS.some((section) => summary[section.key].length > 0);
}
