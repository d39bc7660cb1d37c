import { renderMermaid } from './mermaid';
import { SnykChangeEntry } from './snyk-changes';
import { StackSummary } from './summary';
import { UniversalBrokerSummary } from './universal-broker';
import { PlanWarning, WarningSeverity } from './warnings';
import { countsText, hasSnykChanges, KIND_WORDS, SECTIONS } from './wording';

/** Hidden marker by which CI finds (and updates) its one pull-request comment. */
export const COMMENT_MARKER = '<!-- cdktf-snyk-plan-summary -->';

const ALERT_KINDS: { readonly [severity in WarningSeverity]: string } = { caution: 'CAUTION', warning: 'WARNING', note: 'NOTE' };

/** Renders the summaries as GitHub-flavoured Markdown for a pull-request comment. */
export function renderMarkdown(summaries: readonly StackSummary[]): string {
  const blocks = [COMMENT_MARKER, '## Snyk plan summary', ...summaries.map(renderStack)];
  return `${blocks.join('\n\n')}\n`;
}

function renderStack(summary: StackSummary): string {
  const blocks = [`### Stack \`${cell(summary.stack)}\``];
  if (!summary.hasChanges) {
    blocks.push('No changes.');
    return blocks.join('\n\n');
  }
  blocks.push(countsLine(summary));
  blocks.push(...warningBlocks(summary.warnings));
  for (const section of SECTIONS) {
    const entries = summary[section.key];
    if (entries.length > 0) blocks.push(`#### ${section.title}`, entryTable(section.noun, entries));
  }
  if (summary.families.length > 0) blocks.push('#### Token families', familyTable(summary));
  blocks.push(...universalBrokerBlocks(summary.universalBroker));
  if (summary.outputs.length > 0) blocks.push('#### Outputs', outputsList(summary));
  const diagram = hasSnykChanges(summary) ? renderMermaid(summary.graph) : undefined;
  if (diagram) blocks.push('<details><summary>Diagram</summary>', `\`\`\`mermaid\n${diagram}\n\`\`\``, '</details>');
  return blocks.join('\n\n');
}

function countsLine(summary: StackSummary): string {
  const other = summary.otherProviders.map((provider) => `\`${provider.provider}\` ${countsText(provider.counts)}`);
  const parts = [`**Snyk:** ${countsText(summary.snykCounts)}`];
  if (other.length > 0) parts.push(`**Other providers:** ${other.join('; ')}`);
  return parts.join(' · ');
}

function warningBlocks(warnings: readonly PlanWarning[]): string[] {
  const severities: WarningSeverity[] = ['caution', 'warning', 'note'];
  return severities
    .map((severity) => warnings.filter((warning) => warning.severity === severity))
    .filter((group) => group.length > 0)
    .map((group) => {
      const severity = group[0].severity;
      const lines = [`> [!${ALERT_KINDS[severity]}]`];
      lines.push(...group.map((warning) => `> - \`${cell(warning.address)}\`: ${cell(warning.message)}`));
      return lines.join('\n');
    });
}

function entryTable(noun: string, entries: readonly SnykChangeEntry[]): string {
  const rows = entries.map((entry) => `| ${actionCell(entry)} | ${cell(entry.label)} | \`${cell(entry.address)}\` | ${cell(entry.details.join('; '))} |`);
  return [`| Change | ${noun} | Address | Details |`, '|---|---|---|---|', ...rows].join('\n');
}

function actionCell(entry: SnykChangeEntry): string {
  const word = entry.kind === 'no-op' && entry.importingId !== undefined ? 'import' : KIND_WORDS[entry.kind];
  return entry.kind === 'replace' || entry.kind === 'delete' ? `**${word}**` : word;
}

function familyTable(summary: StackSummary): string {
  const rows = summary.families.map((family) => `| ${cell(family.label)} | ${cell(family.organizations.join(', '))} | ${family.changes.map(cell).join('<br>')} |`);
  return ['| Token of | Orgs sharing it | Changes |', '|---|---|---|', ...rows].join('\n');
}

function universalBrokerBlocks(broker: UniversalBrokerSummary): string[] {
  if (broker.entries.length === 0) return [];
  const code = (names: readonly string[]) => names.map((name) => `\`${cell(name)}\``).join(', ');
  const facts = [
    ...broker.organizations.map((line) => `- ${cell(line)}`),
    ...(broker.environmentToAdd.length > 0 ? [`- Broker clients must receive: ${code(broker.environmentToAdd)}`] : []),
    ...(broker.environmentToDrop.length > 0 ? [`- Broker clients may drop: ${code(broker.environmentToDrop)}`] : []),
    ...broker.rotations.map((line) => `- ${cell(line)}`),
  ];
  const blocks = ['#### Universal Broker', entryTable('Object', broker.entries)];
  if (facts.length > 0) blocks.push(facts.join('\n'));
  if (broker.classicFamilies.length > 0) {
    const rows = broker.classicFamilies.map(
      (move) =>
        `| ${cell(move.family)} | ${cell(move.leaving.join(', ') || '-')} | ${cell(move.alreadyMoved.join(', ') || '-')} | ${cell(move.disconnected.join(', ') || '-')} | ${cell(move.remaining.join(', ') || 'none: the classic broker client can be retired')} |`,
    );
    blocks.push('#### Classic token families left', ['| Family | Moving now | Moved earlier | Disconnected now | Still on the classic token |', '|---|---|---|---|---|', ...rows].join('\n'));
  }
  return blocks;
}

function outputsList(summary: StackSummary): string {
  return summary.outputs.map((output) => `- \`${cell(output.name)}\`: ${KIND_WORDS[output.kind]}${output.sensitive ? ' (sensitive, value hidden)' : ''}`).join('\n');
}

/** Keeps text inside one table cell or list item: no pipes, no HTML, no line breaks. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
}
