import { BEHAVIOR_NAMES, BEHAVIOR_TABLE, BehaviorOverrides, startEmulator } from '../../src/emulator';
import { RecordedAnswer, answerKinds, exerciseEveryCall } from './answers';
import { KNOWN_DEVIATIONS } from './deviations';
import { ResponseCheckOptions, validateAnswer } from './openapi';

/**
 * The emulator's answers, successes and errors, v1 and REST, against Snyk's specs with closed schemas: no field the
 * spec does not document passes unless `deviations.ts` lists it. The default behaviours must be spec-true; under each
 * other value of each behaviour, only the allow-list entries named for that value may differ from the spec.
 */

interface Run {
  behaviors: Record<string, string>;
  answers: RecordedAnswer[];
}

/** Every non-default value of every behaviour (a rate of 10 calls a minute stands for `N/min`: the scenario meets 429s). */
const NON_DEFAULT_VALUES: Array<{ name: string; value: string }> = BEHAVIOR_NAMES.flatMap((name) =>
  BEHAVIOR_TABLE[name].values.slice(1).map((value: string) => ({ name, value: value === 'N/min' ? '10/min' : value })),
);

async function run(behaviors: Record<string, string>): Promise<Run> {
  const emulator = await startEmulator({ behaviors: behaviors as BehaviorOverrides });
  try {
    return { behaviors, answers: (await exerciseEveryCall(emulator)).answers };
  } finally {
    await emulator.close();
  }
}

function problemsOf(answers: readonly RecordedAnswer[], options: ResponseCheckOptions): string[] {
  return answers.flatMap((answer) =>
    validateAnswer(answer.spec, answer.method, answer.path, answer.status, answer.body, { ...options, contentType: answer.contentType, headers: answer.headers }).map((problem) => `${answer.label}: ${problem}`),
  );
}

describe('the emulator answers as the specs say', () => {
  let defaults: Run;
  const others = new Map<string, Run>();

  beforeAll(async () => {
    defaults = await run({});
    for (const { name, value } of NON_DEFAULT_VALUES) {
      others.set(`${name}=${value}`, await run({ [name]: value }));
    }
  });

  it('made every kind of call the scenario means to check', () => {
    expect(answerKinds(defaults.answers)).toEqual([
      'rest GET /orgs/{org_id} 200',
      'rest GET /orgs/{org_id} 404',
      'rest GET /self 200',
      'rest GET /self 400',
      'rest GET /self 401',
      'rest PATCH /orgs/{org_id} 200',
      'rest PATCH /orgs/{org_id} 400',
      'rest PATCH /orgs/{org_id} 409',
      'v1 DELETE /org/{orgId} 204',
      'v1 DELETE /org/{orgId} 404',
      'v1 DELETE /org/{orgId} 409',
      'v1 DELETE /org/{orgId}/integrations/{integrationId}/authentication 200',
      'v1 GET /group/{groupId}/orgs 200',
      'v1 GET /group/{groupId}/orgs 404',
      'v1 GET /org/{orgId}/integrations 200',
      'v1 GET /org/{orgId}/integrations 404',
      'v1 GET /org/{orgId}/integrations/{integrationId}/settings 200',
      'v1 GET /org/{orgId}/integrations/{type} 200',
      'v1 GET /org/{orgId}/integrations/{type} 404',
      'v1 GET /orgs 200',
      'v1 GET /orgs 401',
      'v1 POST /org 201',
      'v1 POST /org 401',
      'v1 POST /org 422',
      'v1 POST /org/{orgId}/integrations 200',
      'v1 POST /org/{orgId}/integrations 409',
      'v1 POST /org/{orgId}/integrations/{integrationId}/authentication/provision-token 200',
      'v1 POST /org/{orgId}/integrations/{integrationId}/authentication/provision-token 409',
      'v1 POST /org/{orgId}/integrations/{integrationId}/authentication/switch-token 200',
      'v1 POST /org/{orgId}/integrations/{integrationId}/authentication/switch-token 409',
      'v1 POST /org/{orgId}/integrations/{integrationId}/clone 200',
      'v1 POST /org/{orgId}/integrations/{integrationId}/clone 400',
      'v1 PUT /org/{orgId}/integrations/{integrationId} 200',
      'v1 PUT /org/{orgId}/integrations/{integrationId} 400',
      'v1 PUT /org/{orgId}/integrations/{integrationId}/settings 200',
      'v1 PUT /org/{orgId}/integrations/{integrationId}/settings 400',
    ]);
  });

  it('by default, every answer validates against its spec, closed (errors against the documented error bodies)', () => {
    expect(problemsOf(defaults.answers, {})).toEqual([]);
  });

  it('by default, POST integration answers {id} only and PUT answers {id, brokerToken}, as the spec says', () => {
    const posts = defaults.answers.filter((answer) => answer.method === 'POST' && answer.path === '/org/{orgId}/integrations' && answer.status === 200);
    expect(posts.map((answer) => Object.keys(answer.body as object))).toEqual(posts.map(() => ['id']));
    const puts = defaults.answers.filter((answer) => answer.method === 'PUT' && answer.path === '/org/{orgId}/integrations/{integrationId}' && answer.status === 200);
    expect(puts.map((answer) => Object.keys(answer.body as object).sort())).toEqual(puts.map(() => ['brokerToken', 'id']));
  });

  it.each(NON_DEFAULT_VALUES.map(({ name, value }) => [`${name}=${value}`]))('under %s, answers differ from the spec only as the allow-list says', (setting) => {
    const other = others.get(setting) as Run;
    expect(problemsOf(other.answers, { behaviors: other.behaviors })).toEqual([]);
  });

  it('every allow-list entry is needed: without it, some run fails', () => {
    const reasons = [...new Set(KNOWN_DEVIATIONS.map((deviation) => deviation.why))];
    const runs = [defaults, ...others.values()];
    const unneeded = reasons.filter((why) => {
      const without = KNOWN_DEVIATIONS.filter((deviation) => deviation.why !== why);
      return runs.every((each) => problemsOf(each.answers, { behaviors: each.behaviors, deviations: without }).length === 0);
    });
    expect(unneeded).toEqual([]);
  });

  it('every allow-list entry for a behaviour names a real behaviour and a non-default value of it', () => {
    const named = KNOWN_DEVIATIONS.flatMap((deviation) => (deviation.behavior === undefined ? [] : [deviation.behavior]));
    expect(named.filter((setting) => !others.has(setting))).toEqual([]);
  });
});
