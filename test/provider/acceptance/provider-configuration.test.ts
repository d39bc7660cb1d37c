import { createTerraformWorkspace, REQUIRED_PROVIDERS } from '../../support/terraform';
import { unwrapped } from './support';

describe('provider configuration with terraform', () => {
  test('a missing API key is an error at configure that names SNYK_TOKEN; an unknown region lists the accepted ones', async () => {
    const workspace = createTerraformWorkspace({});
    try {
      workspace.writeFile('main.tf', `${REQUIRED_PROVIDERS}\nresource "snyk_organization" "o" {\n  name = "o"\n}\n`);
      await workspace.mustTerraform(['init', '-no-color']);
      const missing = await workspace.terraform(['plan', '-no-color']);
      expect(missing.code).toBe(1);
      expect(unwrapped(missing.stderr)).toContain('No Snyk API token');
      expect(unwrapped(missing.stderr)).toContain('Set the SNYK_TOKEN environment variable');

      const wrongRegion = await workspace.terraform(['plan', '-no-color'], { SNYK_TOKEN: 'some-key-value', SNYK_REGION: 'SNYK-MARS-01' });
      expect(wrongRegion.code).toBe(1);
      expect(unwrapped(wrongRegion.stderr)).toContain('SNYK-US-01, SNYK-US-02, SNYK-EU-01, SNYK-AU-01');
      expect(wrongRegion.stderr).not.toContain('some-key-value');
    } finally {
      workspace.cleanup();
    }
  });
});
