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

/** The Markdown that goes between the figure markers of BENCHMARKS.md. */
export function formatFigures(results, { machine, date }) {
  const sections = results.map((result) => {
    const header = result.header ?? ['', 'value'];
    const row = (cells) => `| ${cells.map(String).join(' | ')} |`;
    return [
      `### ${result.title}`,
      '',
      row(header.map((cell) => cell || 'measure')),
      row(header.map((_, index) => (index === 0 ? '---' : '---:'))),
      ...result.rows.map(row),
      '',
      `Goal: ${result.goal}. **${verdict(result.pass)}**`,
    ].join('\n');
  });
  return [`Measured on ${date} on ${machine}.`, '', ...sections.flatMap((section) => [section, ''])].join('\n');
}

/** Replaces the text between the figure markers of `file` with `figures`; the markers must be there. */
export function writeFigures(file, figures) {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(FIGURES_START);
  const end = text.indexOf(FIGURES_END);
  if (start < 0 || end < start) throw new Error(`${file} has no figures section between ${FIGURES_START} and ${FIGURES_END}`);
  writeFileSync(file, `${text.slice(0, start + FIGURES_START.length)}\n${figures.trim()}\n${text.slice(end)}`);
}
