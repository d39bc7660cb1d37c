import { BEHAVIOR_NAMES, BEHAVIOR_TABLE, BehaviorDefinition } from './behaviors';

/** Where the generated table sits in `docs/emulator.md`. */
const BEHAVIORS_DOC_START = '<!-- behaviours:start (generated from src/emulator/behaviors.ts) -->';
const BEHAVIORS_DOC_END = '<!-- behaviours:end -->';

/** The behaviour table as Markdown: one row per value, the default marked. */
function renderBehaviorTable(): string {
  const rows = BEHAVIOR_NAMES.flatMap((name) => {
    const row: BehaviorDefinition = BEHAVIOR_TABLE[name];
    return row.values.map((value, index) => {
      const first = index === 0;
      const shown = `\`${value}\`${first ? ' (default)' : ''}`;
      return `| ${first ? `\`${name}\`` : ''} | ${first ? cell(row.doc) : ''} | ${shown} | ${cell(row.valueDocs[value] ?? '')} |`;
    });
  });
  return ['| behaviour | what it governs | value | what the emulator does |', '|---|---|---|---|', ...rows].join('\n');
}

/** Puts a freshly rendered table between the markers of a document. */
export function withBehaviorTable(document: string): string {
  const start = document.indexOf(BEHAVIORS_DOC_START);
  const end = document.indexOf(BEHAVIORS_DOC_END);
  if (start < 0 || end < start) {
    throw new Error(`the document has no ${BEHAVIORS_DOC_START} ... ${BEHAVIORS_DOC_END} block`);
  }
  return `${document.slice(0, start + BEHAVIORS_DOC_START.length)}\n${renderBehaviorTable()}\n${document.slice(end)}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
