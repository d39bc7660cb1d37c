// Renders benchmark results as console tables and as the figures section of BENCHMARKS.md.
import { readFileSync, writeFileSync } from 'node:fs';

export const FIGURES_START = '<!-- figures:start (written by npm run bench -- --write) -->';
export const FIGURES_END = '<!-- figures:end -->';

/**
 * @typedef {object} BenchmarkResult
 * @property {string} id
 * @property {string} title
 * @property {string} goal
 * @property {boolean} pass
 * @property {string[]} [header] column titles when there are several value columns
 * @property {Array<Array<string | number>>} rows a label, then one or more values
 */

const verdict = (pass) => (pass ? 'PASS' : 'FAIL');

/** A plain-text table with the goal and its verdict under it. */
export function formatConsole(result) {
  const header = result.header ?? ['', 'value'];
  const lines = [header, ...result.rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  const render = (line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [
    `== ${result.title}`,
    render(lines[0]),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...lines.slice(1).map(render),
    `goal: ${result.goal}: ${verdict(result.pass)}`,
  ].join('\n');
}

/**
 * The Markdown of this run's figures for BENCHMARKS.md: one section per benchmark, each saying when, where and with
 * which command it was measured (sections of benchmarks not run keep their own figures, see writeFigures).
 */
export function formatFigures(results, { machine, date }) {
  return results
    .map((result) => {
      const header = result.header ?? ['', 'value'];
      const row = (cells) => `| ${cells.map(String).join(' | ')} |`;
      return [
        `### ${result.title}`,
        '',
        `Measured on ${date} on ${machine}. Command: \`npm run bench -- --only ${result.id}\`.`,
        '',
        row(header.map((cell) => cell || 'measure')),
        row(header.map((_, index) => (index === 0 ? '---' : '---:'))),
        ...result.rows.map(row),
        '',
        `Goal: ${result.goal}. **${verdict(result.pass)}**`,
      ].join('\n');
    })
    .join('\n\n');
}

/** `### Title` sections of a figures text, in order; text before the first one is dropped. */
function sections(figures) {
  return figures
    .split(/^(?=### )/m)
    .filter((part) => part.startsWith('### '))
    .map((part) => ({ title: part.slice(4, part.indexOf('\n') < 0 ? undefined : part.indexOf('\n')).trim(), text: part.trim() }));
}

/**
 * Replaces, between the figure markers of `file` (which must be there), each section of `figures` with the same title,
 * and puts sections new to the file first: the figures of benchmarks not run this time stay as they were.
 */
export function writeFigures(file, figures) {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(FIGURES_START);
  const end = text.indexOf(FIGURES_END);
  if (start < 0 || end < start) throw new Error(`${file} has no figures section between ${FIGURES_START} and ${FIGURES_END}`);
  const fresh = sections(figures);
  const kept = sections(text.slice(start + FIGURES_START.length, end));
  const byTitle = new Map(fresh.map((section) => [section.title, section]));
  const merged = [
    ...fresh.filter((section) => !kept.some((old) => old.title === section.title)),
    ...kept.map((old) => byTitle.get(old.title) ?? old),
  ];
  writeFileSync(file, `${text.slice(0, start + FIGURES_START.length)}\n${merged.map((section) => section.text).join('\n\n')}\n${text.slice(end)}`);
}
