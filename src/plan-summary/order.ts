/** Orders text by code points, the same on every machine and locale (goldens depend on it). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
