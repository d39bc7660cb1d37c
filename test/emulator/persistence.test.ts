import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningEmulator, STATE_VERSION, startEmulator } from '../../src/emulator';
import { BROKERED_GITHUB, addIntegration, bodyOf, call, defaultOrgId, useTempDir } from './helpers';

describe('emulator persistence', () => {
  const tempDir = useTempDir();
  const running: RunningEmulator[] = [];
  const stateFile = () => join(tempDir(), 'nested', 'state.json');

  async function start(file = stateFile()): Promise<RunningEmulator> {
    const emulator = await startEmulator({ stateFile: file });
    running.push(emulator);
    return emulator;
  }

  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  });

  it('writes a readable, versioned state file from the start, readable only by its owner', async () => {
    const emulator = await start();
    const onDisk = JSON.parse(readFileSync(stateFile(), 'utf8'));
    expect(onDisk).toEqual(emulator.state());
    expect(onDisk.version).toBe(STATE_VERSION);
    expect(statSync(stateFile()).mode & 0o777).toBe(0o600);
  });

  it('keeps everything across a restart: orgs, integrations, token families and provisional tokens', async () => {
    const first = await start();
    const orgId = defaultOrgId(first);
    const { id, brokerToken } = await addIntegration(first, orgId, BROKERED_GITHUB);
    await call(first, 'POST', `/v1/org/${orgId}/integrations/${id}/authentication/provision-token`);
    const created = bodyOf<{ id: string }>(await call(first, 'POST', '/v1/org', { body: { name: 'Second', groupId: first.defaultGroupId, sourceOrgId: orgId } }));
    first.addProject(created.id);
    const before = first.state();
    await first.close();

    const second = await start();
    expect(second.state()).toEqual(before);
    expect(second.defaultGroupId).toBe(first.defaultGroupId);
    expect((await call(second, 'DELETE', `/v1/org/${created.id}`)).status).toBe(409);
    const switched = await call(second, 'POST', `/v1/org/${orgId}/integrations/${id}/authentication/switch-token`);
    expect(switched.status).toBe(200);
    expect(second.state().tokenFamilies[0]?.token).not.toBe(brokerToken);
  });

  it('persists changes made through the in-process hooks', async () => {
    const first = await start();
    const group = first.createGroup('Hooked');
    const org = first.createOrg(group.id, 'Hooked org');
    first.addProject(org.id);
    await first.close();
    const second = await start();
    expect(second.state().orgs.find((candidate) => candidate.id === org.id)).toMatchObject({ groupId: group.id, projects: 1 });
  });

  it('loses no update among 50 concurrent changes', async () => {
    const first = await start();
    const orgId = defaultOrgId(first);
    const { id } = await addIntegration(first, orgId, BROKERED_GITHUB);
    const creations = Array.from({ length: 25 }, (_, index) =>
      call(first, 'POST', '/v1/org', { body: { name: `Concurrent ${index}`, groupId: first.defaultGroupId } }),
    );
    const settings = Array.from({ length: 25 }, (_, index) =>
      call(first, 'PUT', `/v1/org/${orgId}/integrations/${id}/settings`, { body: { autoDepUpgradeIgnoredDependencies: [`dep-${index}`] } }),
    );
    const responses = await Promise.all([...creations, ...settings]);
    expect(responses.map((response) => response.status)).toEqual([...Array(25).fill(201), ...Array(25).fill(200)]);
    const expected = first.state();
    expect(JSON.parse(readFileSync(stateFile(), 'utf8'))).toEqual(expected);
    await first.close();

    const second = await start();
    const names = second.state().orgs.map((org) => org.name);
    expect(names).toEqual(expect.arrayContaining(Array.from({ length: 25 }, (_, index) => `Concurrent ${index}`)));
    expect(new Set(second.state().orgs.map((org) => org.slug)).size).toBe(26);
    expect(second.state()).toEqual(expected);
  });

  it('leaves no temporary files beside the state file', async () => {
    const emulator = await start();
    await Promise.all(Array.from({ length: 10 }, (_, index) => call(emulator, 'POST', '/v1/org', { body: { name: `n${index}` } })));
    await emulator.close();
    expect(readdirSync(join(tempDir(), 'nested'))).toEqual(['state.json']);
  });

  it('refuses a state file that is not JSON without quoting it', async () => {
    const file = join(tempDir(), 'broken.json');
    writeFileSync(file, '{"tokenFamilies":[{"token":"0f0e-secret');
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(/is not valid JSON$/);
    await expect(startEmulator({ stateFile: file })).rejects.not.toThrow(/secret/);
  });

  it('refuses a state file of another version', async () => {
    const file = join(tempDir(), 'old.json');
    writeFileSync(file, JSON.stringify({ version: 99, orgs: [] }));
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(/not a version 1 emulator state/);
  });

  it('keeps no file without a stateFile', async () => {
    const emulator = await startEmulator();
    running.push(emulator);
    await call(emulator, 'POST', '/v1/org', { body: { name: 'memory only' } });
    expect(existsSync(stateFile())).toBe(false);
  });
});
