import { PlanAction, PlanResourceChange } from './plan-json';
import { isSensitiveAt, SafeAttributes } from './sensitive';

/** What a plan does to one resource instance, with a replacement as one kind. */
export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'forget' | 'no-op';

/** The kinds that count as changes, in the order they are listed. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['create', 'update', 'replace', 'delete', 'read', 'forget'];

/** One resource instance's change, with every value behind sensitivity masks. */
export interface ResourceChangeModel {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly providerName: string;
  readonly kind: ChangeKind;
  /** For a replacement: whether the old object goes first (Terraform's default) or the new one is made first. */
  readonly replaceOrder?: 'delete-first' | 'create-first';
  /** Why a replacement happens: the forcing attribute paths, or Terraform's reason (tainted, requested). */
  readonly replaceReasons: readonly string[];
  /** The import id when the change imports an existing object. */
  readonly importingId?: string;
  readonly actionReason?: string;
  readonly previousAddress?: string;
  /** Set when the change concerns a deposed object left by an earlier create-before-destroy. */
  readonly deposed?: string;
  readonly before: SafeAttributes;
  readonly after: SafeAttributes;
  /** Top-level attributes whose value changes (or becomes unknown); sensitive ones are named, never shown. */
  readonly changedAttributes: readonly string[];
}

/** Whether a change removes something that exists (a destroy, or the destroy half of a replacement). */
export function isDestructive(change: ResourceChangeModel): boolean {
  return change.kind === 'delete' || change.kind === 'replace';
}

/** Builds the model of one entry of `resource_changes`. */
export function modelResourceChange(raw: PlanResourceChange): ResourceChangeModel {
  const { change } = raw;
  const before = new SafeAttributes(change.before, change.before_sensitive);
  const after = new SafeAttributes(change.after, change.after_sensitive, change.after_unknown);
  const kind = changeKind(change.actions);
  return {
    address: raw.address,
    mode: raw.mode,
    type: raw.type,
    name: raw.name,
    providerName: raw.provider_name,
    kind,
    replaceOrder: kind === 'replace' ? replaceOrder(change.actions) : undefined,
    replaceReasons: kind === 'replace' ? replaceReasons(raw) : [],
    importingId: change.importing ? (change.importing.id ?? '') : undefined,
    actionReason: raw.action_reason,
    previousAddress: raw.previous_address,
    deposed: raw.deposed,
    before,
    after,
    changedAttributes: kind === 'update' || kind === 'replace' ? changedAttributes(before, after) : [],
  };
}

/** Maps Terraform's action list to one kind. */
export function changeKind(actions: readonly PlanAction[]): ChangeKind {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  const [first] = actions;
  switch (first) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'forget':
      return first;
    default:
      return 'no-op';
  }
}

function replaceOrder(actions: readonly PlanAction[]): 'delete-first' | 'create-first' {
  return actions[0] === 'create' ? 'create-first' : 'delete-first';
}

const REPLACE_REASON_TEXT: { readonly [reason: string]: string } = {
  replace_because_tainted: 'the object is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by changed',
};

/** The forcing attribute paths, rendered as `attr` or `attr["key"]`; keys below a sensitive attribute are not shown. */
function replaceReasons(raw: PlanResourceChange): string[] {
  const paths = raw.change.replace_paths ?? [];
  const mask = raw.change.after_sensitive;
  const rendered = paths.filter((path) => path.length > 0).map((path) => renderPath(path, mask));
  const unique = [...new Set(rendered)];
  if (unique.length > 0) return unique;
  const reason = raw.action_reason ? REPLACE_REASON_TEXT[raw.action_reason] : undefined;
  return reason ? [reason] : [];
}

function renderPath(path: ReadonlyArray<string | number>, mask: Parameters<typeof isSensitiveAt>[0]): string {
  const [head, ...rest] = path;
  if (isSensitiveAt(mask, [head])) return String(head);
  return String(head) + rest.map((step) => (typeof step === 'number' ? `[${step}]` : `[${JSON.stringify(step)}]`)).join('');
}

function changedAttributes(before: SafeAttributes, after: SafeAttributes): string[] {
  const names = new Set([...before.attributeNames(), ...after.attributeNames()]);
  return [...names].filter((name) => before.differsFrom(after, name)).sort();
}
