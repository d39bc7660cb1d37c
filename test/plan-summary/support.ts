import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectSecretStrings, LoadedPlan, loadPlanFile, MIN_REDACTED_LENGTH, TerraformPlanJson } from '../../src/plan-summary';

export const FIXTURES_DIR = join(__dirname, 'fixtures');
export const GOLDEN_DIR = join(__dirname, 'golden');

/** Every plan fixture: dropping a new `*.json` here adds it to the golden, secret and shape tests. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
}

export function loadFixture(name: string): LoadedPlan {
  const loaded = loadPlanFile(join(FIXTURES_DIR, `${name}.json`));
  // The source path differs between machines; goldens must not.
  return { ...loaded, source: `fixtures/${name}.json` };
}

/**
 * The secrets a fixture holds: every value Terraform marks sensitive, plus any string planted with the `PLANTED`
 * prefix. Each must be absent from every rendering.
 */
export function secretsOf(plan: TerraformPlanJson): string[] {
  const planted = JSON.stringify(plan).match(/PLANTED[A-Za-z0-9_-]*/g) ?? [];
  const masked = [...collectSecretStrings(plan)].filter((secret) => secret.length >= MIN_REDACTED_LENGTH);
  return [...new Set([...planted, ...masked])];
}

/** Compares with a golden file byte for byte; `UPDATE_GOLDEN=1` rewrites it instead. */
export function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`Golden file ${path} is missing: run the tests with UPDATE_GOLDEN=1 and review it.`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
