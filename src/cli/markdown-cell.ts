/** `text` as one cell of a Markdown table: pipes escaped, line breaks folded into spaces. */
export function markdownCell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}
