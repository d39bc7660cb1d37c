import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDoctorReport, runDoctor } from '../../src/cli/doctor';
import { installProvider } from '../../src/cli/provider-install';
import { RunningEmulator, startEmulator } from '../../src/emulator';

describe('doctor', () => {
  let emulator: RunningEmulator;
  let pluginDir: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    pluginDir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-doctor-'));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(pluginDir, { recursive: true, force: true });
  });

  test('reports every check ok when terraform, the provider and the key work', async () => {
    installProvider({ pluginDir });
    const checks = await runDoctor({ pluginDir, env: { PATH: process.env.PATH, SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url } });
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['Node.js', true],
      ['terraform', true],
      ['provider', true],
      ['Snyk API', true],
    ]);
    expect(formatDoctorReport(checks)).not.toContain(emulator.apiKey);
  });

  test('says what to do for a missing provider and a rejected key, without echoing the key', async () => {
    const checks = await runDoctor({ pluginDir: join(pluginDir, 'empty'), env: { PATH: process.env.PATH, SNYK_TOKEN: 'wrong-key-123', SNYK_API_URL: emulator.url } });
    const report = formatDoctorReport(checks);
    expect(report).toMatch(/FAIL provider: .*npx cdktf-snyk provider install/);
    expect(report).toMatch(/FAIL Snyk API: .*SNYK_TOKEN/);
    expect(report).not.toContain('wrong-key-123');
  });

  test('says which auth scheme and which region or API URL it used', async () => {
    const oauth = await startEmulator({ oauthTokens: ['doctor-oauth-token-1'] });
    try {
      const checks = await runDoctor({ pluginDir, env: { PATH: process.env.PATH, SNYK_OAUTH_TOKEN: 'doctor-oauth-token-1', SNYK_API_URL: oauth.url } });
      const report = formatDoctorReport(checks);
      expect(report).toContain(`ok   Snyk API: OAuth access token (Authorization: bearer), API URL ${oauth.url}`);
      expect(report).not.toContain('doctor-oauth-token-1');
    } finally {
      await oauth.close();
    }
    const keyed = formatDoctorReport(await runDoctor({ pluginDir, env: { PATH: process.env.PATH, SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url } }));
    expect(keyed).toContain('ok   Snyk API: API key (Authorization: token), API URL');
    const gov = formatDoctorReport(await runDoctor({ pluginDir, env: { PATH: process.env.PATH, SNYK_TOKEN: 'gov-key-1234', SNYK_REGION: 'SNYK-GOV-01' } }));
    expect(gov).toMatch(/FAIL Snyk API: API keys do not exist in SNYK-GOV-01.*SNYK_OAUTH_TOKEN/);
  });

  test('names the environment variable when no key is set', async () => {
    const checks = await runDoctor({ pluginDir, env: { PATH: process.env.PATH } });
    expect(formatDoctorReport(checks)).toMatch(/FAIL Snyk API: .*SNYK_TOKEN/);
  });
});
