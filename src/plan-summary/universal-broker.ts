import { ResourceChangeModel } from './changes';
import { describingSide, familyLabel, nodeLabel } from './labels';
import { compareText } from './order';
import { SnykChangeEntry, replaceReasonText } from './snyk-changes';
import { familiesOf, SnykGraph, UniversalBrokerLinks } from './token-family';
import { PlanWarning } from './warnings';

/** A classic Broker token family that orgs leave by moving onto a Universal Broker connection. */
export interface ClassicFamilyMove {
  /** The family, e.g. `the token family of github-enterprise in platform (orgs: legacy, platform)`. */
  readonly family: string;
  /** Orgs moving onto a connection in this plan. */
  readonly leaving: readonly string[];
  /** Orgs of the family moved in an earlier apply. */
  readonly alreadyMoved: readonly string[];
  /** Orgs disconnected from the connection in this plan: on neither the connection nor the classic token. */
  readonly disconnected: readonly string[];
  /** Orgs still on the classic token once this plan is applied. */
  readonly remaining: readonly string[];
  /** Whether no org of the family remains on the classic token: its classic broker client can be retired. */
  readonly emptied: boolean;
}

/** What the plan does to Universal Broker objects and to the broker clients that run them. No field holds a secret. */
export interface UniversalBrokerSummary {
  readonly entries: readonly SnykChangeEntry[];
  /** `team-a gains connection "ghe" (github-enterprise)`. */
  readonly organizations: readonly string[];
  /** Environment variables the broker clients must receive after this plan. */
  readonly environmentToAdd: readonly string[];
  /** Environment variables no credential reference uses any more. */
  readonly environmentToDrop: readonly string[];
  /** Client secret rotations and retirements, in words. */
  readonly rotations: readonly string[];
  readonly classicFamilies: readonly ClassicFamilyMove[];
}

/** The variables every broker client of a new deployment starts with. */
const PLATFORM_VARIABLES = ['DEPLOYMENT_ID', 'CLIENT_ID', 'CLIENT_SECRET', 'BROKER_SERVER_URL'];

const CREATING = new Set(['create', 'replace']);
const REMOVING = new Set(['delete', 'replace']);

function links(graph: SnykGraph, change: ResourceChangeModel): UniversalBrokerLinks {
  return graph.universalBroker.get(change.address) ?? { classicFamily: [] };
}

function quoted(value: string | undefined): string {
  return value === undefined ? '' : ` "${value}"`;
}

/** A short name for a Universal Broker object: never a secret (names, types and variable names only). */
export function universalBrokerLabel(change: ResourceChangeModel, graph: SnykGraph, changes: readonly ResourceChangeModel[]): string {
  const side = describingSide(change);
  const organization = links(graph, change).organization;
  switch (change.type) {
    case 'snyk_app_install':
      return `Broker App install in ${organization ? nodeLabel(graph, organization) : 'an org'}`;
    case 'snyk_broker_deployment':
      return `deployment${quoted(side.mapString('metadata', 'deployment_name'))}`;
    case 'snyk_broker_deployment_credential':
      return `credential ${side.string('environment_variable_name') ?? '(name known at apply)'} (${side.string('broker_connection_type') ?? 'type known at apply'})`;
    case 'snyk_broker_connection':
      return `connection${quoted(side.string('name'))} (${side.string('type') ?? 'type known at apply'})`;
    default:
      return `${side.string('type') ?? 'integration'} in ${organization ? nodeLabel(graph, organization) : 'an org'} via ${connectionLabel(change, graph, changes)}`;
  }
}

function connectionLabel(change: ResourceChangeModel, graph: SnykGraph, changes: readonly ResourceChangeModel[]): string {
  const address = links(graph, change).connection;
  const connection = changes.find((candidate) => candidate.address === address);
  return connection ? `connection${quoted(describingSide(connection).string('name'))}` : 'a connection';
}

/** Summarises the Universal Broker changes of a plan (`changes`: every managed change of the provider). */
export function summarizeUniversalBroker(changes: readonly ResourceChangeModel[], graph: SnykGraph, listed: (change: ResourceChangeModel) => boolean): UniversalBrokerSummary {
  const broker = changes.filter((change) => graph.universalBroker.has(change.address));
  const shown = broker.filter(listed);
  const environmentToAdd = environmentVariables(broker, CREATING, 'after');
  return {
    entries: shown.map((change) => entryOf(change, graph, broker)),
    organizations: shown.flatMap((change) => organizationLine(change, graph, broker)),
    environmentToAdd,
    environmentToDrop: environmentVariables(broker, REMOVING, 'before').filter((name) => !environmentToAdd.includes(name)),
    rotations: broker.flatMap(rotationText),
    classicFamilies: classicFamilyMoves(broker, graph).map(({ address: _address, ...move }) => move),
  };
}

function entryOf(change: ResourceChangeModel, graph: SnykGraph, changes: readonly ResourceChangeModel[]): SnykChangeEntry {
  const details: string[] = [];
  if (change.importingId !== undefined) details.push(`imported (id \`${change.importingId}\`)`);
  if (change.previousAddress) details.push(`moved from \`${change.previousAddress}\``);
  if (change.kind === 'replace') details.push(`replaced because ${replaceReasonText(change)}`);
  details.push(...DETAILS[change.type](change, graph));
  return {
    address: change.address,
    resourceType: change.type,
    kind: change.kind,
    label: universalBrokerLabel(change, graph, changes),
    details,
    importingId: change.importingId,
  };
}

type Describer = (change: ResourceChangeModel, graph: SnykGraph) => string[];

const DETAILS: { readonly [type: string]: Describer } = {
  snyk_app_install: (change) => {
    if (change.kind === 'create') return ['installed: its client secret is captured (sensitive)'];
    if (change.kind === 'replace') return ['installed anew: a new client id and secret; broker clients stop until restarted with them'];
    if (change.kind === 'delete') return ['uninstalled: broker clients using its client id stop'];
    return rotationText(change);
  },
  snyk_broker_deployment: (change) => {
    if (change.kind === 'create') return [`new broker client fleet: start it with ${PLATFORM_VARIABLES.join(', ')}`];
    if (change.kind === 'delete') return ['deleted: its broker clients can be stopped'];
    if (change.kind === 'update' && change.before.differsFrom(change.after, 'metadata')) return [`metadata changed: ${change.before.changedMapKeys(change.after, 'metadata').join(', ')}`];
    return [];
  },
  snyk_broker_deployment_credential: (change) => {
    const name = (side: 'before' | 'after') => change[side].string('environment_variable_name') ?? 'its variable';
    if (change.kind === 'create') return [`broker clients must receive ${name('after')}`];
    if (change.kind === 'delete') return [`broker clients may drop ${name('before')}`];
    if (change.kind === 'replace' && name('before') !== name('after')) return [`broker clients must receive ${name('after')} instead of ${name('before')}`];
    if (change.kind === 'update' && change.before.differsFrom(change.after, 'comment')) return ['comment changed'];
    return [];
  },
  snyk_broker_connection: (change) => {
    if (change.kind === 'delete') return ['deleted: its orgs lose it'];
    if (change.kind !== 'update') return [];
    const details: string[] = [];
    if (change.before.differsFrom(change.after, 'name')) details.push(`renamed from "${change.before.string('name')}" to "${change.after.string('name')}"`);
    const fields = change.before.changedMapKeys(change.after, 'configuration');
    if (fields.length > 0) details.push(`configuration changed: ${fields.join(', ')}`);
    return details;
  },
  snyk_broker_integration: (change, graph) => {
    const adopted = links(graph, change).adoptedIntegration;
    if (CREATING.has(change.kind) && adopted) return [`takes over ${nodeLabel(graph, adopted)} from its classic Broker token`];
    if (change.kind === 'delete') return ['disconnected from the connection'];
    return [];
  },
};

function organizationLine(change: ResourceChangeModel, graph: SnykGraph, changes: readonly ResourceChangeModel[]): string[] {
  if (change.type !== 'snyk_broker_integration') return [];
  const organization = links(graph, change).organization;
  const who = organization ? nodeLabel(graph, organization) : 'an org';
  const what = `${connectionLabel(change, graph, changes)} (${describingSide(change).string('type') ?? 'type known at apply'})`;
  if (change.kind === 'create') return [`${who} gains ${what}`];
  if (change.kind === 'delete') return [`${who} loses ${what}`];
  if (change.kind === 'replace') return [`${who} is reconnected to ${what}`];
  return [];
}

function environmentVariables(changes: readonly ResourceChangeModel[], kinds: ReadonlySet<string>, side: 'before' | 'after'): string[] {
  const credentials = changes.filter((change) => change.type === 'snyk_broker_deployment_credential' && kinds.has(change.kind));
  const names = credentials.map((change) => change[side].string('environment_variable_name')).filter((name): name is string => name !== undefined);
  return [...new Set(names)].sort(compareText);
}

/** What an app install's update does to its client secrets. */
function rotationText(change: ResourceChangeModel): string[] {
  if (change.type !== 'snyk_app_install' || change.kind !== 'update') return [];
  const texts: string[] = [];
  if (change.before.differsFrom(change.after, 'secret_rotation_triggers')) {
    texts.push(
      rotationMode(change) === 'replace'
        ? 'client secret replaced (mode replace): the old secret stops working at once; running broker clients stop until restarted with the new CLIENT_SECRET'
        : 'client secret rotated (mode create): a new secret is added and the old one stays valid; restart the broker clients with the new CLIENT_SECRET, then retire the old one',
    );
  }
  if (change.before.boolean('retire_previous_secret') !== true && change.after.boolean('retire_previous_secret') === true) {
    texts.push('previous client secret retired: broker clients still running with it stop');
  }
  return texts;
}

function rotationMode(change: ResourceChangeModel): string {
  return change.after.string('secret_rotation_mode') ?? 'create';
}

/** The warnings of the Universal Broker section. */
export function universalBrokerWarnings(changes: readonly ResourceChangeModel[], graph: SnykGraph): PlanWarning[] {
  const broker = changes.filter((change) => graph.universalBroker.has(change.address));
  const rotations = broker.flatMap((change): PlanWarning[] => {
    const replaced = change.type === 'snyk_app_install' && change.kind === 'update' && change.before.differsFrom(change.after, 'secret_rotation_triggers') && rotationMode(change) === 'replace';
    if (!replaced) return [];
    return [{ severity: 'caution', address: change.address, message: 'the client secret is replaced (secret_rotation_mode = "replace"): running broker clients stop until restarted with the new CLIENT_SECRET. Use mode "create" for no downtime.' }];
  });
  const families = classicFamilyMoves(broker, graph).flatMap((move) => familyWarning(move, broker));
  return [...rotations, ...families];
}

function familyWarning(move: ClassicFamilyMove & { readonly address?: string }, changes: readonly ResourceChangeModel[]): PlanWarning[] {
  const address = move.address ?? changes[0]?.address ?? '';
  return [...(move.leaving.length > 0 ? leavingWarning(move, address) : []), ...disconnectedWarning(move, address)];
}

function disconnectedWarning(move: ClassicFamilyMove, address: string): PlanWarning[] {
  if (move.disconnected.length === 0) return [];
  const who = move.disconnected.join(', ');
  const off = `${who}: disconnected from the connection, on neither the connection nor the classic Broker token of ${move.family}.`;
  if (move.remaining.length === 0) {
    return [{ severity: 'warning', address, message: `${off} No org of the family is on the classic token any more: rolling back needs a fresh classic token.` }];
  }
  return [
    {
      severity: 'note',
      address,
      message:
        `${off} To roll back, clone the integration from ${move.remaining[0]} (still on the classic token) into ${who}; Snyk allows one ` +
        'integration per type per org, so the disconnected one must be removed first.',
    },
  ];
}

function leavingWarning(move: ClassicFamilyMove, address: string): PlanWarning[] {
  if (move.emptied) {
    return [
      {
        severity: 'warning',
        address,
        message:
          `${move.leaving.join(', ')}, the last on the classic token, leave${move.leaving.length === 1 ? 's' : ''} ${move.family}: its classic broker client can be retired once this is applied. ` +
          'Rolling back after that needs a fresh classic token (enable the broker on a classic integration again and restart a classic broker client).',
      },
    ];
  }
  return [
    {
      severity: 'note',
      address,
      message:
        `${move.leaving.join(', ')} leave${move.leaving.length === 1 ? 's' : ''} ${move.family}; still on the classic token: ${move.remaining.join(', ')}. ` +
        `Keep the classic broker client running. Rollback: disconnect the org, remove its disconnected integration (Snyk allows one integration ` +
        `per type per org), then clone the integration from ${move.remaining[0]}, which shares the classic token.`,
    },
  ];
}

interface FamilyGroup {
  readonly key: string;
  readonly label: string;
  readonly members: Set<string>;
  readonly leaving: Set<string>;
  readonly moved: Set<string>;
  readonly disconnected: Set<string>;
  address?: string;
}

/** Classic families that org integrations leave in this plan, with who leaves, who moved before and who stays. */
function classicFamilyMoves(changes: readonly ResourceChangeModel[], graph: SnykGraph): Array<ClassicFamilyMove & { readonly address?: string }> {
  const groups = new Map<string, FamilyGroup>();
  for (const change of changes.filter((candidate) => candidate.type === 'snyk_broker_integration')) {
    const link = links(graph, change);
    if (!link.adoptedIntegration || !link.organization) continue;
    if (change.kind === 'delete' && graph.nodes.get(link.adoptedIntegration)?.change?.kind === 'delete') continue;
    const group = familyGroup(groups, link, graph);
    if (change.kind === 'delete') {
      group.disconnected.add(link.organization);
      group.address ??= change.address;
    } else if (CREATING.has(change.kind)) {
      group.leaving.add(link.organization);
      group.address ??= change.address;
    } else {
      group.moved.add(link.organization);
    }
  }
  return [...groups.values()]
    .filter((group) => group.leaving.size > 0 || group.disconnected.size > 0)
    .map((group) => {
      const names = (keys: Iterable<string>) => [...keys].map((key) => nodeLabel(graph, key)).sort(compareText);
      const remaining = [...group.members].filter((key) => !group.leaving.has(key) && !group.moved.has(key) && !group.disconnected.has(key));
      return {
        family: group.label,
        leaving: names(group.leaving),
        alreadyMoved: names(group.moved),
        disconnected: names(group.disconnected),
        remaining: names(remaining),
        emptied: remaining.length === 0 && group.members.size > 0,
        address: group.address,
      };
    })
    .sort((a, b) => compareText(a.family, b.family));
}

/** The group of the adopted integration's family: the graph's token family if it knows it, else the listed orgs. */
function familyGroup(groups: Map<string, FamilyGroup>, link: UniversalBrokerLinks, graph: SnykGraph): FamilyGroup {
  const family = link.adoptedIntegration ? familiesOf(graph, link.adoptedIntegration)[0] : undefined;
  const listed = link.classicFamily.length > 0 ? link.classicFamily : (family?.organizations ?? []);
  const key = family ? family.root : [...listed].sort().join(',');
  const existing = groups.get(key);
  if (existing) {
    listed.forEach((org) => existing.members.add(org));
    return existing;
  }
  const label = family ? familyLabel(graph, family) : `the classic Broker token family of orgs ${listed.map((org) => nodeLabel(graph, org)).sort(compareText).join(', ')}`;
  const group = { key, label, members: new Set(listed), leaving: new Set<string>(), moved: new Set<string>(), disconnected: new Set<string>() };
  groups.set(key, group);
  return group;
}
