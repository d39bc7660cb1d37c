import { SnykChangeEntry } from './snyk-changes';
import { StackSummary } from './summary';
import { UniversalBrokerSummary } from './universal-broker';
import { countsText, KIND_WORDS, SECTIONS, SEVERITY_TITLES } from './wording';

/** Renders the summaries as plain text for a terminal or a CI log. */
export function renderText(summaries: readonly StackSummary[]): string {
  return `${summaries.map(renderStack).join('\n\n')}\n`;
}

function renderStack(summary: StackSummary): string {
  const lines = [`Stack ${summary.stack}`];
  if (!summary.hasChanges) return [...lines, '  No changes.'].join('\n');
  lines.push(`  Snyk: ${countsText(summary.snykCounts)}`);
  for (const provider of summary.otherProviders) lines.push(`  ${provider.provider}: ${countsText(provider.counts)}`);
  for (const warning of summary.warnings) lines.push(`  ${SEVERITY_TITLES[warning.severity].toUpperCase()} ${warning.address}: ${oneLine(warning.message)}`);
  for (const section of SECTIONS) {
    const entries = summary[section.key];
    if (entries.length === 0) continue;
    lines.push(`  ${section.title}:`);
    lines.push(...entries.map(entryLine));
  }
  if (summary.families.length > 0) lines.push('  Token families:');
  for (const family of summary.families) {
    lines.push(`    ${oneLine(family.label)} (orgs: ${oneLine(family.organizations.join(', '))})`);
    lines.push(...family.changes.map((change) => `      ${oneLine(change)}`));
  }
  lines.push(...universalBrokerLines(summary.universalBroker));
  if (summary.outputs.length > 0) lines.push('  Outputs:');
  lines.push(...summary.outputs.map((output) => `    ${KIND_WORDS[output.kind]} ${output.name}${output.sensitive ? ' (sensitive)' : ''}`));
  return lines.join('\n');
}

function entryLine(entry: SnykChangeEntry): string {
  const word = entry.kind === 'no-op' && entry.importingId !== undefined ? 'import' : KIND_WORDS[entry.kind];
  return `    ${word} ${entry.address} (${oneLine(entry.label)})${entry.details.length > 0 ? `: ${oneLine(entry.details.join('; '))}` : ''}`;
}

function universalBrokerLines(broker: UniversalBrokerSummary): string[] {
  if (broker.entries.length === 0) return [];
  const lines = ['  Universal Broker:'];
  lines.push(...broker.entries.map(entryLine));
  lines.push(...broker.organizations.map((line) => `    ${oneLine(line)}`));
  if (broker.environmentToAdd.length > 0) lines.push(`    Broker clients must receive: ${broker.environmentToAdd.join(', ')}`);
  if (broker.environmentToDrop.length > 0) lines.push(`    Broker clients may drop: ${broker.environmentToDrop.join(', ')}`);
  lines.push(...broker.rotations.map((line) => `    ${oneLine(line)}`));
  for (const move of broker.classicFamilies) {
    lines.push(`    Classic family left: ${oneLine(move.family)}`);
    lines.push(`      moving now: ${move.leaving.join(', ') || '-'}; moved earlier: ${move.alreadyMoved.join(', ') || '-'}; disconnected now: ${move.disconnected.join(', ') || '-'}; still on the classic token: ${move.remaining.join(', ') || 'none'}`);
  }
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
