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

  test('names the environment variable when no key is set', async () => {
    const checks = await runDoctor({ pluginDir, env: { PATH: process.env.PATH } });
    expect(formatDoctorReport(checks)).toMatch(/FAIL Snyk API: .*SNYK_TOKEN/);
  });
});
