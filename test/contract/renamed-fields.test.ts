import { RunningEmulator, startEmulator } from '../../src/emulator';
import { RecordedAnswer, exerciseEveryCall } from './answers';
import { validateAnswer } from './openapi';

/**
 * The contract check bites: for each kind of answer the emulator gives (v1, REST, error bodies), renaming any one field
 * of a valid answer, at any depth, makes the check fail. A renamed optional field is caught too, because the schemas
 * are closed.
 */

type Json = unknown;

/** `brokerToken` -> `broker_token`, `group_id` -> `groupId`, `id` -> `ids`: the renames an API change would bring. */
function renamed(key: string): string {
  if (/[A-Z]/.test(key)) return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  if (key.includes('_')) return key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return `${key}s`;
}

/** JSON pointers of every object key in a body (the first element stands for an array's elements). */
function fieldPaths(body: Json, at: string[] = []): string[][] {
  if (Array.isArray(body)) return body.length === 0 ? [] : fieldPaths(body[0], [...at, '0']);
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body).flatMap(([key, value]) => [[...at, key], ...fieldPaths(value, [...at, key])]);
}

/** A copy of the body with the field at `path` renamed (the rest unchanged, key order kept). */
function withRenamedField(body: Json, path: readonly string[]): Json {
  const [head, ...rest] = path;
  if (Array.isArray(body)) return body.map((item, index) => (String(index) === head ? withRenamedField(item, rest) : item));
  const entries = Object.entries(body as Record<string, Json>);
  return Object.fromEntries(entries.map(([key, value]) => (key !== head ? [key, value] : rest.length === 0 ? [renamed(key), value] : [key, withRenamedField(value, rest)])));
}

function problems(answer: RecordedAnswer, body: Json): string[] {
  return validateAnswer(answer.spec, answer.method, answer.path, answer.status, body, { contentType: answer.contentType });
}

describe('renaming one field of a valid answer fails the contract check', () => {
  let emulator: RunningEmulator;
  let answers: RecordedAnswer[];
  let kinds: RecordedAnswer[];

  beforeAll(async () => {
    emulator = await startEmulator();
    answers = (await exerciseEveryCall(emulator)).answers.filter((answer) => fieldPaths(answer.body).length > 0);
    kinds = [...new Map(answers.map((answer) => [`${answer.spec} ${answer.method} ${answer.path} ${answer.status}`, answer])).values()];
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('checks every kind of answer that has fields: successes and errors, v1 and REST', () => {
    expect(kinds.length).toBeGreaterThanOrEqual(30);
    expect(kinds.filter((answer) => answer.spec === 'rest' && answer.status >= 400).length).toBeGreaterThanOrEqual(4);
    expect(kinds.filter((answer) => answer.spec === 'v1' && answer.status >= 400).length).toBeGreaterThanOrEqual(10);
  });

  it('each answer it renames in is valid as it came', () => {
    expect(answers.flatMap((answer) => problems(answer, answer.body).map((problem) => `${answer.label}: ${problem}`))).toEqual([]);
  });

  it('every rename of every field of every answer is rejected', () => {
    const passed = answers.flatMap((answer) =>
      fieldPaths(answer.body)
        .filter((path) => problems(answer, withRenamedField(answer.body, path)).length === 0)
        .map((path) => `${answer.label}: renaming /${path.join('/')} to ${renamed(path[path.length - 1] as string)} passed`),
    );
    expect(passed).toEqual([]);
  });

  it('renames as an API change would', () => {
    expect(['brokerToken', 'group_id', 'id', 'docker-hub'].map(renamed)).toEqual(['broker_token', 'groupId', 'ids', 'docker-hubs']);
    expect(withRenamedField({ data: { attributes: { name: 'n' } }, links: {} }, ['data', 'attributes', 'name'])).toEqual({ data: { attributes: { names: 'n' } }, links: {} });
  });
});
