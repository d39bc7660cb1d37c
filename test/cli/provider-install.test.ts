import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installProvider, terraformPlatform } from '../../src/cli/provider-install';
import { cliConfigForMirror } from '../../src/cli/terraform-cli-config';
import { PACKAGE_VERSION } from '../../src/version';

describe('provider install', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-install-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('copies the bundle into the unpacked mirror layout, executable', () => {
    const bundle = join(dir, 'bundle.js');
    writeFileSync(bundle, '#!/usr/bin/env node\n');
    const installed = installProvider({ pluginDir: join(dir, 'plugins'), bundlePath: bundle });
    expect(installed.executablePath).toBe(
      join(dir, 'plugins', 'registry.terraform.io', 'cdktf-snyk', 'snyk', PACKAGE_VERSION, terraformPlatform(), `terraform-provider-snyk_v${PACKAGE_VERSION}`),
    );
    expect(statSync(installed.executablePath).mode & 0o111).not.toBe(0);
    expect(readFileSync(installed.executablePath, 'utf8')).toBe('#!/usr/bin/env node\n');
    expect(installed.requiredProvidersBlock).toContain('source  = "cdktf-snyk/snyk"');
  });

  test('says to build first when the bundle is missing', () => {
    expect(() => installProvider({ pluginDir: dir, bundlePath: join(dir, 'missing.js') })).toThrow(/npm run build/);
  });

  test('the CLI configuration limits the mirror to this provider', () => {
    const config = cliConfigForMirror('/tmp/plugins');
    expect(config).toContain('path    = "/tmp/plugins"');
    expect(config).toContain('include = ["registry.terraform.io/cdktf-snyk/snyk"]');
    expect(config).toContain('exclude = ["registry.terraform.io/cdktf-snyk/snyk"]');
  });
});
