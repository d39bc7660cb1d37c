import { BEHAVIOR_NAMES, BEHAVIOR_TABLE, startEmulator } from '../../src/emulator';
import {
  BROKERED_GITHUB,
  GITHUB_WITH_TOKEN,
  Member,
  UUID_V4,
  addIntegration,
  authPath,
  bodyOf,
  call,
  defaultOrgId,
  familyOf,
  useEmulator,
} from './helpers';

type Listing = Record<string, { value: string; default: string; accepted: string[]; doc: string }>;

describe('emulator behaviours: listing and switching', () => {
  const emulator = useEmulator();

  it('lists every behaviour with its default value first, its accepted values and a doc line', async () => {
    const response = await call(emulator(), 'GET', '/_emulator/behaviors');
    expect(response.status).toBe(200);
    const { behaviors } = bodyOf<{ behaviors: Listing }>(response);
    expect(Object.keys(behaviors).sort()).toEqual([...BEHAVIOR_NAMES].sort());
    for (const name of BEHAVIOR_NAMES) {
      const values: readonly string[] = BEHAVIOR_TABLE[name].values;
      expect(behaviors[name]).toEqual({ value: values[0], default: values[0], accepted: values, doc: expect.any(String) });
    }
  });

  it('defaults to what Snyk documents where it speaks, else to the hardest case', async () => {
    const { behaviors } = bodyOf<{ behaviors: Listing }>(await call(emulator(), 'GET', '/_emulator/behaviors'));
    const values = Object.fromEntries(Object.entries(behaviors).map(([name, listing]) => [name, listing.value]));
    expect(values).toMatchObject({
      'integration-post-broker-token': 'omit',
      'broker-reenable': 'new-token',
      'provision-conflict-status': '409',
      'provision-conflict-scope': 'family',
      'switch-without-provisional-status': '409',
      'integration-by-type-missing-status': '404',
      'org-delete-with-projects-status': '409',
      'credentials-empty-string': 'accept',
      'settings-unknown-key': 'reject',
      'settings-get-omits-unset': 'no',
      'rate-limit': 'off',
      'retry-after-header': 'send',
    });
  });

  it('switches behaviours with PUT (numbers taken for statuses), answers the new listing, and resets with DELETE', async () => {
    const response = await call(emulator(), 'PUT', '/_emulator/behaviors', {
      body: { 'broker-reenable': 'same-token', 'provision-conflict-status': 422, 'rate-limit': '30/min' },
    });
    expect(response.status).toBe(200);
    const { behaviors } = bodyOf<{ behaviors: Listing }>(response);
    expect([behaviors['broker-reenable']?.value, behaviors['provision-conflict-status']?.value, behaviors['rate-limit']?.value]).toEqual([
      'same-token',
      '422',
      '30/min',
    ]);
    expect(emulator().behaviors()['broker-reenable'].value).toBe('same-token');
    expect((await call(emulator(), 'DELETE', '/_emulator/behaviors')).status).toBe(204);
    expect(emulator().behaviors()['broker-reenable'].value).toBe('new-token');
  });

  it.each([
    ['an unknown name', { 'broker-reenabled': 'same-token' }, 'known: integration-post-broker-token'],
    ['a value the behaviour does not take', { 'broker-reenable': 'maybe' }, 'new-token | same-token | refuse'],
    ['a status the behaviour does not take', { 'provision-conflict-status': 500 }, '409 | 400 | 422'],
    ['a malformed rate', { 'rate-limit': '0/min' }, 'off | snyk | N/min'],
    ['a body that is not an object', ['rate-limit'], 'NAME: VALUE'],
  ])('refuses %s with 400 naming what is accepted, and changes nothing', async (_, body, accepted) => {
    const wrapped = Array.isArray(body) ? body : { 'settings-unknown-key': 'ignore', ...body };
    const response = await call(emulator(), 'PUT', '/_emulator/behaviors', { body: wrapped });
    expect(response.status).toBe(400);
    expect(bodyOf<{ message: string }>(response).message).toContain(accepted);
    expect(emulator().behaviors()['settings-unknown-key'].value).toBe('reject');
  });

  it('takes behaviours at start, and refuses unknown ones there with the accepted values', async () => {
    const started = await startEmulator({ behaviors: { 'integration-post-broker-token': 'include', 'rate-limit': 'snyk' } });
    try {
      expect(started.behaviors()['integration-post-broker-token'].value).toBe('include');
      expect(started.behaviors()['rate-limit'].value).toBe('snyk');
    } finally {
      await started.close();
    }
    const bad = { behaviors: { 'rate-limit': 'fast' } } as unknown as Parameters<typeof startEmulator>[0];
    await expect(startEmulator(bad)).rejects.toThrow('off | snyk | N/min');
  });
});

describe('emulator behaviours: Broker tokens', () => {
  const emulator = useEmulator();
  const orgId = () => defaultOrgId(emulator());
  const integrations = () => `/v1/org/${orgId()}/integrations`;

  it.each([
    ['omit', false],
    ['include', true],
  ] as const)('integration-post-broker-token=%s', async (value, answersToken) => {
    emulator().setBehaviors({ 'integration-post-broker-token': value });
    const response = await call(emulator(), 'POST', integrations(), { body: BROKERED_GITHUB });
    const familyToken = emulator().state().tokenFamilies[0]?.token;
    expect(familyToken).toMatch(UUID_V4);
    expect(response.body).toEqual(answersToken ? { id: expect.any(String), brokerToken: familyToken } : { id: expect.any(String) });
  });

  /** A brokered github integration in the default org with a clone in a second org: one family of two. */
  async function family(): Promise<{ token: string; members: Member[] }> {
    const { id, brokerToken } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
    const target = emulator().createOrg(emulator().defaultGroupId, 'Clone target');
    const cloned = await call(emulator(), 'POST', `${integrations()}/${id}/clone`, { body: { destinationOrgPublicId: target.id } });
    const clone = { orgId: target.id, integrationId: bodyOf<{ newIntegrationId: string }>(cloned).newIntegrationId };
    return { token: brokerToken as string, members: [{ orgId: orgId(), integrationId: id }, clone] };
  }

  const reenable = (member: Member) => call(emulator(), 'PUT', `/v1/org/${member.orgId}/integrations/${member.integrationId}`, { body: BROKERED_GITHUB });

  it('broker-reenable=new-token: a fresh token for the whole family', async () => {
    const { token, members } = await family();
    const response = await reenable(members[1] as Member);
    const { brokerToken } = bodyOf<{ brokerToken: string }>(response);
    expect([response.status, brokerToken]).toEqual([200, expect.stringMatching(UUID_V4)]);
    expect(brokerToken).not.toBe(token);
    members.forEach((member) => expect(familyOf(emulator(), member.integrationId)?.token).toBe(brokerToken));
  });

  it('broker-reenable=same-token: the token in use, unchanged', async () => {
    const { token, members } = await family();
    emulator().setBehaviors({ 'broker-reenable': 'same-token' });
    const response = await reenable(members[1] as Member);
    expect(response.body).toEqual({ id: members[1]?.integrationId, brokerToken: token });
    expect(familyOf(emulator(), members[0]?.integrationId as string)?.token).toBe(token);
  });

  it('broker-reenable=refuse: 409, token unchanged and not in the answer', async () => {
    const { token, members } = await family();
    emulator().setBehaviors({ 'broker-reenable': 'refuse' });
    const response = await reenable(members[0] as Member);
    expect(response.status).toBe(409);
    expect(response.text).not.toContain(token);
    expect(familyOf(emulator(), members[0]?.integrationId as string)?.token).toBe(token);
  });

  it.each(['409', '400', '422'] as const)('provision-conflict-status=%s', async (status) => {
    emulator().setBehaviors({ 'provision-conflict-status': status });
    const { members } = await family();
    expect((await call(emulator(), 'POST', authPath(members[0] as Member, 'provision-token'))).status).toBe(200);
    const again = await call(emulator(), 'POST', authPath(members[1] as Member, 'provision-token'));
    expect(again.status).toBe(Number(status));
    expect(again.body).toMatchObject({ code: Number(status) });
  });

  it.each([
    ['family', 200],
    ['group', 409],
  ] as const)('provision-conflict-scope=%s: a second family of the same group provisions -> %i', async (scope, expected) => {
    emulator().setBehaviors({ 'provision-conflict-scope': scope });
    const first = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
    const second = await addIntegration(emulator(), orgId(), { type: 'gitlab', broker: { enabled: true } });
    const otherGroup = emulator().createGroup('Elsewhere');
    const farOrg = emulator().createOrg(otherGroup.id, 'Far');
    const far = await addIntegration(emulator(), farOrg.id, BROKERED_GITHUB);
    expect((await call(emulator(), 'POST', authPath({ orgId: orgId(), integrationId: first.id }, 'provision-token'))).status).toBe(200);
    expect((await call(emulator(), 'POST', authPath({ orgId: orgId(), integrationId: second.id }, 'provision-token'))).status).toBe(expected);
    expect((await call(emulator(), 'POST', authPath({ orgId: farOrg.id, integrationId: far.id }, 'provision-token'))).status).toBe(200);
  });

  it.each(['409', '400', '404'] as const)('switch-without-provisional-status=%s', async (status) => {
    emulator().setBehaviors({ 'switch-without-provisional-status': status });
    const { token, members } = await family();
    const response = await call(emulator(), 'POST', authPath(members[0] as Member, 'switch-token'));
    expect(response.status).toBe(Number(status));
    expect(familyOf(emulator(), members[0]?.integrationId as string)?.token).toBe(token);
  });

  it.each([
    ['id-and-token', true],
    ['id', false],
  ] as const)('integration-put-answer=%s for a credentials update and a broker disable', async (value, answersToken) => {
    emulator().setBehaviors({ 'integration-put-answer': value });
    const plain = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
    const brokered = await addIntegration(emulator(), orgId(), { type: 'gitlab', broker: { enabled: true } });
    const updated = await call(emulator(), 'PUT', `${integrations()}/${plain.id}`, { body: { type: 'github', credentials: { token: 'new' } } });
    const disabled = await call(emulator(), 'PUT', `${integrations()}/${brokered.id}`, {
      body: { type: 'gitlab', broker: { enabled: false }, credentials: { token: 'pat' } },
    });
    for (const [response, id] of [
      [updated, plain.id],
      [disabled, brokered.id],
    ] as const) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual(answersToken ? { id, brokerToken: expect.stringMatching(UUID_V4) } : { id });
    }
    // The token in the answer belongs to nothing: no family holds it, and the disabled integration's old one is not it.
    const answered = bodyOf<{ brokerToken?: string }>(disabled).brokerToken;
    expect(answered).not.toBe(brokered.brokerToken);
    expect(emulator().state().tokenFamilies.map((familyRecord) => familyRecord.token)).not.toContain(answered);
  });
});

describe('emulator behaviours: refusal statuses', () => {
  const emulator = useEmulator();
  const orgId = () => defaultOrgId(emulator());
  const integrations = () => `/v1/org/${orgId()}/integrations`;

  it.each(['404', '400'] as const)('integration-by-type-missing-status=%s', async (status) => {
    emulator().setBehaviors({ 'integration-by-type-missing-status': status });
    expect((await call(emulator(), 'GET', `${integrations()}/gitlab`)).status).toBe(Number(status));
  });

  it.each(['409', '400', '422'] as const)('org-delete-with-projects-status=%s, and the org stays', async (status) => {
    emulator().setBehaviors({ 'org-delete-with-projects-status': status });
    const org = emulator().createOrg(emulator().defaultGroupId, 'Busy');
    emulator().addProject(org.id);
    expect((await call(emulator(), 'DELETE', `/v1/org/${org.id}`)).status).toBe(Number(status));
    expect(emulator().state().orgs.map((candidate) => candidate.id)).toContain(org.id);
  });

  it.each(['409', '400', '422'] as const)('integration-duplicate-type-status=%s, for POST and for clone', async (status) => {
    emulator().setBehaviors({ 'integration-duplicate-type-status': status });
    const { id } = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
    expect((await call(emulator(), 'POST', integrations(), { body: BROKERED_GITHUB })).status).toBe(Number(status));
    const target = emulator().createOrg(emulator().defaultGroupId, 'Has github');
    await addIntegration(emulator(), target.id, GITHUB_WITH_TOKEN);
    const cloned = await call(emulator(), 'POST', `${integrations()}/${id}/clone`, { body: { destinationOrgPublicId: target.id } });
    expect(cloned.status).toBe(Number(status));
    expect(emulator().state().integrations).toHaveLength(2);
  });

  it.each(['400', '409', '422'] as const)('credentials-on-brokered-status=%s', async (status) => {
    emulator().setBehaviors({ 'credentials-on-brokered-status': status });
    const { id } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
    expect((await call(emulator(), 'PUT', `${integrations()}/${id}`, { body: GITHUB_WITH_TOKEN })).status).toBe(Number(status));
    expect(emulator().state().integrations[0]?.credentials).toBeNull();
  });

  it.each(['400', '422'] as const)('disable-without-credentials-status=%s', async (status) => {
    emulator().setBehaviors({ 'disable-without-credentials-status': status });
    const { id } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
    const response = await call(emulator(), 'PUT', `${integrations()}/${id}`, { body: { type: 'github', broker: { enabled: false } } });
    expect(response.status).toBe(Number(status));
    expect(emulator().state().integrations[0]?.tokenFamilyId).not.toBeNull();
  });

  it.each(['400', '403', '422'] as const)('clone-across-groups-status=%s', async (status) => {
    emulator().setBehaviors({ 'clone-across-groups-status': status });
    const { id } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
    const far = emulator().createOrg(emulator().createGroup('Far').id, 'Far');
    const response = await call(emulator(), 'POST', `${integrations()}/${id}/clone`, { body: { destinationOrgPublicId: far.id } });
    expect(response.status).toBe(Number(status));
    expect(emulator().state().integrations).toHaveLength(1);
  });
});

describe('emulator behaviours: credentials and settings', () => {
  const emulator = useEmulator();
  const orgId = () => defaultOrgId(emulator());
  const integrations = () => `/v1/org/${orgId()}/integrations`;
  const disableWithEmptyStrings = (id: string) =>
    call(emulator(), 'PUT', `${integrations()}/${id}`, { body: { type: 'github', broker: { enabled: false }, credentials: { token: '' } } });

  it("credentials-empty-string=accept: the broker is disabled with empty-string credentials (as Snyk's Universal Broker CLI does)", async () => {
    const { id } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
    expect((await disableWithEmptyStrings(id)).status).toBe(200);
    expect(emulator().state().integrations[0]).toMatchObject({ tokenFamilyId: null, credentials: { token: '' } });
    // Only a broker disable takes them: new credentials must still be real.
    const other = emulator().createOrg(emulator().defaultGroupId, 'Other');
    expect((await call(emulator(), 'POST', `/v1/org/${other.id}/integrations`, { body: { type: 'github', credentials: { token: '' } } })).status).toBe(400);
  });

  it('credentials-empty-string=reject: 400 naming the empty field, and the broker stays', async () => {
    emulator().setBehaviors({ 'credentials-empty-string': 'reject' });
    const { id } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
    const response = await disableWithEmptyStrings(id);
    expect(response.status).toBe(400);
    expect(response.text).toContain('token');
    expect(emulator().state().integrations[0]?.tokenFamilyId).not.toBeNull();
  });

  async function settingsPath(): Promise<string> {
    const { id } = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
    return `${integrations()}/${id}/settings`;
  }

  it('settings-unknown-key=reject: 400 naming the key and the known ones, nothing applied', async () => {
    const path = await settingsPath();
    const response = await call(emulator(), 'PUT', path, { body: { pullRequestTestEnabled: false, pull_request_test_enable: true } });
    expect(response.status).toBe(400);
    expect(bodyOf<{ message: string }>(response).message).toContain('"pull_request_test_enable"');
    expect(bodyOf<{ message: string }>(response).message).toContain('pullRequestTestEnabled');
    expect((await call(emulator(), 'GET', path)).body).toMatchObject({ pullRequestTestEnabled: true });
  });

  it('settings-unknown-key=ignore: the key is dropped silently and the rest applied', async () => {
    emulator().setBehaviors({ 'settings-unknown-key': 'ignore' });
    const path = await settingsPath();
    const response = await call(emulator(), 'PUT', path, { body: { pullRequestTestEnabled: false, pull_request_test_enable: true } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ pullRequestTestEnabled: false });
    expect(response.body).not.toHaveProperty('pull_request_test_enable');
  });

  it('settings-get-omits-unset=no: every setting, defaults included', async () => {
    const path = await settingsPath();
    expect((await call(emulator(), 'GET', path)).body).toEqual(expect.objectContaining({ pullRequestTestEnabled: true, autoDepUpgradeEnabled: false }));
  });

  it('settings-get-omits-unset=yes: only what a PUT set', async () => {
    emulator().setBehaviors({ 'settings-get-omits-unset': 'yes' });
    const path = await settingsPath();
    expect((await call(emulator(), 'GET', path)).body).toEqual({});
    expect((await call(emulator(), 'PUT', path, { body: { autoDepUpgradeLimit: 4 } })).body).toEqual({ autoDepUpgradeLimit: 4 });
    await call(emulator(), 'PUT', path, { body: { pullRequestTestEnabled: false } });
    expect((await call(emulator(), 'GET', path)).body).toEqual({ autoDepUpgradeLimit: 4, pullRequestTestEnabled: false });
  });

  it.each([
    ['the object Snyk documents', { enabled: true, type: 'manual', assignees: ['octocat'] }],
    ['an auto assignment', { enabled: true, type: 'auto' }],
    ["the spec's JSON string", '{"enabled":true,"type":"manual","assignees":["username"]}'],
  ])('takes pullRequestAssignment as %s and reads it back as sent', async (_, assignment) => {
    const path = await settingsPath();
    expect((await call(emulator(), 'PUT', path, { body: { pullRequestAssignment: assignment } })).status).toBe(200);
    expect((await call(emulator(), 'GET', path)).body).toMatchObject({ pullRequestAssignment: assignment });
  });

  it.each([
    ['without enabled', { type: 'manual' }],
    ['with an unknown type', { enabled: true, type: 'random' }],
    ['with assignees that are not strings', { enabled: true, assignees: [1] }],
    ['with an unknown field', { enabled: true, reviewers: [] }],
  ])('refuses a pullRequestAssignment object %s', async (_, assignment) => {
    const path = await settingsPath();
    const response = await call(emulator(), 'PUT', path, { body: { pullRequestAssignment: assignment } });
    expect(response.status).toBe(400);
    expect(response.text).toContain('pullRequestAssignment');
  });
});
