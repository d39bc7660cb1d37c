import { markdownCell } from './markdown-cell';

/**
 * What the provider does under each possibility of every Snyk behaviour that Snyk does not document. Rendered into
 * docs/provider-reference.md by `npm run docs`, and the README carries the same table (a test keeps them equal).
 * Each row names the emulator behaviour (`--behavior NAME=VALUE`) that switches between the possibilities, so that
 * every row is proved by the behaviour matrix (`test/provider/acceptance/behaviour-matrix.test.ts`).
 */
export interface SnykBehaviourDoc {
  /** What Snyk leaves undocumented. */
  readonly behaviour: string;
  /** The emulator switch(es) for it, as Markdown, when there is one. */
  readonly emulatorSwitch?: string;
  /** Each possibility, and what the provider does under it. */
  readonly possibilities: ReadonlyArray<readonly [possibility: string, providerDoes: string]>;
}

export const SNYK_BEHAVIOURS: readonly SnykBehaviourDoc[] = [
  {
    behaviour: 'Does the answer to `POST .../integrations` with the broker enabled carry the Broker token? (Snyk\'s spec: `{id}` only.)',
    emulatorSwitch: '`integration-post-broker-token`',
    possibilities: [
      ['no token (`omit`)', 'right after the POST, the provider enables the broker on the new integration and captures the token from that `PUT`\'s answer; no broker client can hold a token of an integration that did not exist a moment ago'],
      ['token included (`include`)', 'captured from the POST answer; no extra call'],
    ],
  },
  {
    behaviour: 'Enabling the broker again on an integration that is already brokered.',
    emulatorSwitch: '`broker-reenable`',
    possibilities: [
      ['a new token for the whole token family (`new-token`)', 'the provider does this only on an integration it has just created, whose token nobody holds yet, and captures the answer. It never does it on an integration that may have broker clients: after `terraform import`, or for an integration replaced outside Terraform, `broker_token` stays null and a warning says how to get a known token with `snyk_broker_token` (provision with `activate = false`, start clients, then `activate = true`)'],
      ['the same token (`same-token`)', 'the same: the provider does not depend on it'],
      ['refused (`refuse`)', 'for an integration it has just created, the provider provisions a token and switches to it instead; otherwise as above'],
    ],
  },
  {
    behaviour: 'The status of provision-token while a provisional token is outstanding.',
    emulatorSwitch: '`provision-conflict-status`',
    possibilities: [
      ['409, 400 or 422', 'all read as "a provisional token is outstanding": the error says to switch to it first (or, for 400, that the integration may not be brokered). After a call whose answer was lost, a conflict on the repeat means the lost call provisioned a token: the apply stops with the exact steps (switch to the lost token with the URL given, apply again, start the clients with the new `token`)'],
    ],
  },
  {
    behaviour: 'Where "one outstanding provisional token" is counted.',
    emulatorSwitch: '`provision-conflict-scope`',
    possibilities: [
      ['per token family (`family`)', 'one `snyk_broker_token` at a time per family; a replacement in the same apply takes over the provisional token of the one it replaces instead of asking for a second'],
      ['per Snyk group (`group`)', 'the same, and two rotations of different families in one group must be applied one after the other: the second stops with "A provisional Broker token already exists" until the first is activated. Where Snyk also refuses to enable the broker again (`broker-reenable` `refuse`), a new brokered integration gets its token by provisioning one, so it too stops ("Broker token of the new integration not captured") until that rotation is activated; the next apply takes the integration over and captures its token'],
    ],
  },
  {
    behaviour: 'The status of switch-token when nothing is provisional.',
    emulatorSwitch: '`switch-without-provisional-status`',
    possibilities: [
      ['409, 400 or 404', 'when Terraform holds a provisional token and Snyk says nothing is provisional (the switch happened, its answer was lost), the provider checks that the integration still exists, records the token as active and warns "Broker token was switched to already"; a switch that fails otherwise keeps the token in state as provisional, and the next apply switches to it without provisioning another'],
    ],
  },
  {
    behaviour: 'The status of `GET .../integrations/{type}` for a type the organization does not have.',
    emulatorSwitch: '`integration-by-type-missing-status`',
    possibilities: [['404 or 400', 'not used: reads, imports and the `snyk_integration` data source look the type up in the organization\'s type map']],
  },
  {
    behaviour: 'The status of deleting an organization that has projects.',
    emulatorSwitch: '`org-delete-with-projects-status`',
    possibilities: [
      ['409', 'the destroy stops saying to delete or move the organization\'s projects first, or to `terraform state rm` it'],
      ['400 or 422', 'the destroy stops with Snyk\'s own message, naming the call and the status; nothing is removed from state'],
    ],
  },
  {
    behaviour: 'The status of adding or cloning a type the organization already has.',
    emulatorSwitch: '`integration-duplicate-type-status`',
    possibilities: [['409, 400 or 422', 'not reached: the provider reads the type map first and stops with the `terraform import` command to use']],
  },
  {
    behaviour: 'The status of a clone into an organization of another group.',
    emulatorSwitch: '`clone-across-groups-status`',
    possibilities: [['400, 403 or 422', 'the apply stops with Snyk\'s message naming the call and status; `destination_organization_id` documents that the destination must be in the source\'s group']],
  },
  {
    behaviour: 'The answer to `PUT` integration for a credentials update or a broker disable (the spec requires `{id, brokerToken}` for every PUT).',
    emulatorSwitch: '`integration-put-answer`',
    possibilities: [['`{id, brokerToken}` or `{id}`', 'the answer is ignored: a token from a PUT that did not enable the broker is never kept']],
  },
  {
    behaviour: 'Empty-string credentials, credentials on a brokered integration, disabling the broker without credentials.',
    emulatorSwitch: '`credentials-empty-string`, `credentials-on-brokered-status`, `disable-without-credentials-status`',
    possibilities: [['accepted or refused, with any status', 'not reached: `terraform validate`/`plan` refuses blank credential values, credentials with `broker = true`, and `broker = false` without credentials. An imported integration (brokered or not: Snyk does not say) set to `broker = false` gets its credentials by disabling the broker with them, never by a credentials-only update']],
  },
  {
    behaviour: 'Unknown keys in integration settings; whether reading settings lists the ones nobody set.',
    emulatorSwitch: '`settings-unknown-key`, `settings-get-omits-unset`',
    possibilities: [['refused or ignored; listed or left out', 'unknown keys are refused at validate, so none is sent; only the settings in the configuration are compared, so a setting Snyk leaves out reads as unset, not as drift']],
  },
  {
    behaviour: 'Rate limits past the documented per-minute numbers; whether a 429 carries `Retry-After`.',
    emulatorSwitch: '`rate-limit`, `retry-after-header`',
    possibilities: [['limits as documented or lower; `Retry-After` sent or not', 'one throttle per provider process: on a 429 every call waits (`Retry-After` when sent, else a full one-minute window) instead of each retrying on its own; calls are paced below the documented limits']],
  },
  {
    behaviour: 'An answer lost after Snyk carried out a write (a 5xx or a dropped connection after the change).',
    emulatorSwitch: 'fault rules with `"when": "after"`',
    possibilities: [
      ['add integration, clone', 'the provider reads the type map back and uses the integration that landed; if the apply still fails, the state holds the resource without an id and its replacement in the next apply takes over what Snyk made (for a brokered integration, enabling the broker again to capture its token, which nobody can hold yet)'],
      ['enable broker, settings, switch, delete', 'repeated: they are idempotent, or a repeat\'s answer shows that the first one worked'],
      ['provision-token', 'stops with the steps above: Snyk can neither return nor cancel the lost provisional token'],
      ['create organization', 'stops naming the organizations of that name in the group: import the right one (`terraform import snyk_organization.NAME ID`) and apply again'],
    ],
  },
  {
    behaviour: 'Changes outside Terraform that no API reports.',
    possibilities: [
      ['the organization was deleted', 'everything in it reads as gone, and the plan creates it again'],
      ['the integration was removed and one of the same type added', 'a warning, the new id in state, `broker_token` dropped (never the old token), and the plan shows the update; the broker is not enabled again on the new integration (see above)'],
      ['a token was rotated outside Terraform', 'not detectable (Snyk never returns a token): `broker_token` keeps the token Terraform captured; after a rotation with `snyk_broker_token`, use that resource\'s `token`'],
    ],
  },
];

/** The Markdown section: one table, a row per possibility. */
export function renderSnykBehaviours(heading = '##'): string[] {
  return [
    `${heading} Undocumented Snyk behaviours`,
    '',
    'Where Snyk\'s documentation is silent, the provider is written to be right whichever way Snyk behaves. Each emulator ' +
      'switch below (`npx cdktf-snyk emulator --behavior NAME=VALUE`) plays one possibility; the behaviour matrix runs the ' +
      'core lifecycle (organizations, a brokered integration, a clone, an organization copied from a source, two-phase rotations, ' +
      'an import, a destroy) under every value of each switch, one at a time and all the hardest at once, and with the answer to ' +
      'each write call lost.',
    '',
    '| Snyk behaviour | emulator switch | possibility | what the provider does |',
    '|---|---|---|---|',
    ...SNYK_BEHAVIOURS.flatMap((entry) =>
      entry.possibilities.map(
        ([possibility, providerDoes], index) =>
          `| ${index === 0 ? markdownCell(entry.behaviour) : ''} | ${index === 0 ? markdownCell(entry.emulatorSwitch) : ''} | ${markdownCell(possibility)} | ${markdownCell(providerDoes)} |`,
      ),
    ),
    '',
  ];
}
