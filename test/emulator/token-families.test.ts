import { BROKERED_GITHUB, Member, UUID_V4, addIntegration, authPath, bodyOf, call, defaultOrgId, familyOf, useEmulator } from './helpers';

describe('emulator Broker token families', () => {
  const emulator = useEmulator();

  /** A brokered github integration in the default org, cloned into a second org and copied into a third by sourceOrgId. */
  async function familyOfThree(): Promise<{ token: string; members: Member[] }> {
    const sourceOrgId = defaultOrgId(emulator());
    const { id, brokerToken } = await addIntegration(emulator(), sourceOrgId, BROKERED_GITHUB);
    const cloneTarget = emulator().createOrg(emulator().defaultGroupId, 'Clone target');
    const cloned = await call(emulator(), 'POST', `/v1/org/${sourceOrgId}/integrations/${id}/clone`, { body: { destinationOrgPublicId: cloneTarget.id } });
    const copiedOrg = await call(emulator(), 'POST', '/v1/org', { body: { name: 'Copied', groupId: emulator().defaultGroupId, sourceOrgId } });
    const copiedOrgId = bodyOf<{ id: string }>(copiedOrg).id;
    const copiedIntegration = bodyOf<{ id: string }>(await call(emulator(), 'GET', `/v1/org/${copiedOrgId}/integrations/github`)).id;
    return {
      token: brokerToken as string,
      members: [
        { orgId: sourceOrgId, integrationId: id },
        { orgId: cloneTarget.id, integrationId: bodyOf<{ newIntegrationId: string }>(cloned).newIntegrationId },
        { orgId: copiedOrgId, integrationId: copiedIntegration },
      ],
    };
  }

  it('puts clones and sourceOrgId copies in the source’s family, sharing its token', async () => {
    const { token, members } = await familyOfThree();
    const families = members.map((member) => familyOf(emulator(), member.integrationId));
    expect(new Set(families.map((family) => family?.id)).size).toBe(1);
    expect(families[0]?.token).toBe(token);
    expect(emulator().state().tokenFamilies).toHaveLength(1);
  });

  it('mints a new token for the whole family when the broker is enabled again on a copy (default broker-reenable)', async () => {
    const { token, members } = await familyOfThree();
    const copy = members[2] as Member;
    const response = await call(emulator(), 'PUT', `/v1/org/${copy.orgId}/integrations/${copy.integrationId}`, { body: BROKERED_GITHUB });
    const { brokerToken } = bodyOf<{ brokerToken: string }>(response);
    expect(response.body).toEqual({ id: copy.integrationId, brokerToken: expect.stringMatching(UUID_V4) });
    expect(brokerToken).not.toBe(token);
    members.forEach((member) => expect(familyOf(emulator(), member.integrationId)?.token).toBe(brokerToken));
  });

  it('provisions one provisional token for the whole family and refuses a second from any member (409)', async () => {
    const { token, members } = await familyOfThree();
    const provisioned = await call(emulator(), 'POST', authPath(members[1] as Member, 'provision-token'));
    expect(provisioned.status).toBe(200);
    const body = bodyOf<{ id: string; provisionalBrokerToken: string }>(provisioned);
    expect(body).toEqual({ id: members[1]?.integrationId, provisionalBrokerToken: expect.stringMatching(UUID_V4) });
    expect(body.provisionalBrokerToken).not.toBe(token);
    const again = await call(emulator(), 'POST', authPath(members[2] as Member, 'provision-token'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 409, error: 'Conflict' });
    expect(again.text).not.toContain(body.provisionalBrokerToken);
  });

  it('switches the whole family to the provisional token, from any member', async () => {
    const { members } = await familyOfThree();
    const { provisionalBrokerToken } = bodyOf<{ provisionalBrokerToken: string }>(await call(emulator(), 'POST', authPath(members[0] as Member, 'provision-token')));
    const switched = await call(emulator(), 'POST', authPath(members[2] as Member, 'switch-token'));
    expect([switched.status, switched.text]).toEqual([200, '']);
    for (const member of members) {
      expect(familyOf(emulator(), member.integrationId)).toMatchObject({ token: provisionalBrokerToken, provisionalToken: null });
    }
    const provisionedAgain = await call(emulator(), 'POST', authPath(members[1] as Member, 'provision-token'));
    expect(provisionedAgain.status).toBe(200);
  });

  it('refuses a switch with nothing provisioned (409)', async () => {
    const { members } = await familyOfThree();
    const response = await call(emulator(), 'POST', authPath(members[0] as Member, 'switch-token'));
    expect(response.status).toBe(409);
  });

  it('leaves other families alone', async () => {
    const { members } = await familyOfThree();
    const separate = await addIntegration(emulator(), members[0]?.orgId as string, { type: 'gitlab', broker: { enabled: true } });
    await call(emulator(), 'POST', authPath(members[0] as Member, 'provision-token'));
    const separateMember = { orgId: members[0]?.orgId as string, integrationId: separate.id };
    expect((await call(emulator(), 'POST', authPath(separateMember, 'provision-token'))).status).toBe(200);
    await call(emulator(), 'POST', authPath(members[0] as Member, 'switch-token'));
    expect(familyOf(emulator(), separate.id)?.token).toBe(separate.brokerToken);
  });

  it('keeps the family for the others when one member disables its broker', async () => {
    const { token, members } = await familyOfThree();
    const leaving = members[1] as Member;
    await call(emulator(), 'PUT', `/v1/org/${leaving.orgId}/integrations/${leaving.integrationId}`, {
      body: { type: 'github', broker: { enabled: false }, credentials: { token: 'pat' } },
    });
    expect(familyOf(emulator(), leaving.integrationId)).toBeUndefined();
    expect(familyOf(emulator(), members[0]?.integrationId as string)?.token).toBe(token);
    expect((await call(emulator(), 'POST', authPath(leaving, 'provision-token'))).status).toBe(400);
  });

  it('refuses provision and switch on an unbrokered integration (400) and an unknown one (404)', async () => {
    const orgId = defaultOrgId(emulator());
    const { id } = await addIntegration(emulator(), orgId, { type: 'github', credentials: { token: 't' } });
    expect((await call(emulator(), 'POST', authPath({ orgId, integrationId: id }, 'provision-token'))).status).toBe(400);
    expect((await call(emulator(), 'POST', authPath({ orgId, integrationId: id }, 'switch-token'))).status).toBe(400);
    expect((await call(emulator(), 'POST', authPath({ orgId, integrationId: 'no-such' }, 'provision-token'))).status).toBe(404);
  });

  it('copies an unbrokered source’s credentials through sourceOrgId, and refuses a source in another group (422)', async () => {
    const sourceOrgId = defaultOrgId(emulator());
    await addIntegration(emulator(), sourceOrgId, { type: 'docker-hub', credentials: { username: 'u', password: 'p' } });
    const copied = await call(emulator(), 'POST', '/v1/org', { body: { name: 'Copy', sourceOrgId } });
    expect(copied.status).toBe(201);
    expect(bodyOf<{ group: { id: string } }>(copied).group.id).toBe(emulator().defaultGroupId);
    const copy = emulator().state().integrations.find((integration) => integration.orgId === bodyOf<{ id: string }>(copied).id);
    expect(copy).toMatchObject({ type: 'docker-hub', credentials: { username: 'u', password: 'p' }, tokenFamilyId: null });
    const otherGroup = emulator().createGroup('Other').id;
    const refused = await call(emulator(), 'POST', '/v1/org', { body: { name: 'Far', groupId: otherGroup, sourceOrgId } });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({ message: expect.any(String), errorRef: expect.stringMatching(UUID_V4) });
  });
});
