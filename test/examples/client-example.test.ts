import { shareBrokerToken } from '../../examples/client/main';
import { RunningEmulator, startEmulator } from '../../src/emulator';

describe('examples/client', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startEmulator()));
  afterAll(() => emulator.close());

  test('the README client example shares one Broker token between two orgs', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const { platformOrgId, teamOrgId } = await shareBrokerToken({ SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url });
    log.mockRestore();
    const state = emulator.state();
    const families = [platformOrgId, teamOrgId].map((orgId) => state.integrations.find((i) => i.orgId === orgId)?.tokenFamilyId);
    expect(families[0]).toBeTruthy();
    expect(families[1]).toBe(families[0]);
    const printed = log.mock.calls.flat().join('\n');
    for (const family of state.tokenFamilies) expect(printed).not.toContain(family.token);
  });
});
