import { renderJson, renderText, summarizePlan } from '../../src/plan-summary';
import { loadFixture } from './support';

describe('JSON summary', () => {
  test('has a stable shape', () => {
    const loaded = loadFixture('rotate-and-activate');
    const document = JSON.parse(renderJson([summarizePlan(loaded.plan, loaded.stack, loaded.source)]));
    expect(Object.keys(document)).toEqual(['summary_version', 'destructive', 'stacks']);
    expect(document.summary_version).toBe(1);
    expect(document.destructive).toBe(true);
    const [stack] = document.stacks;
    expect(Object.keys(stack)).toEqual([
      'stack', 'source', 'terraform_version', 'has_changes', 'destructive', 'counts', 'warnings',
      'organizations', 'integrations', 'broker_tokens', 'clones', 'token_families', 'universal_broker', 'outputs',
    ]);
    expect(stack.counts.snyk).toEqual({ create: 0, update: 3, replace: 1, delete: 0, read: 0, forget: 0, import: 0 });
    expect(stack.broker_tokens[0]).toEqual({
      address: 'snyk_broker_token.github',
      type: 'snyk_broker_token',
      action: 'replace',
      label: 'Broker token of github in acme-platform',
      details: [
        'replaced because `rotation_triggers["generation"]` changed',
        'rotated: a new token is provisioned and activated: it becomes the live token',
      ],
    });
    expect(stack.token_families.map((family: { root: string; organizations: string[] }) => [family.root, family.organizations])).toEqual([
      ['snyk_integration.github', ['acme-platform', 'org 8d1e1a54-0000-4000-8000-0000000000ee']],
      ['snyk_integration.gitlab', ['acme-platform']],
    ]);
    expect(stack.outputs).toEqual([{ name: 'github_broker_token', action: 'update', sensitive: true }]);
    expect(stack.warnings.map((warning: { severity: string }) => warning.severity)).toEqual(['caution', 'caution', 'warning']);
  });

  test('counts resources of other providers by provider and action', () => {
    const loaded = loadFixture('destroy-replace-import');
    const [stack] = JSON.parse(renderJson([summarizePlan(loaded.plan, loaded.stack)])).stacks;
    expect(stack.counts.other_providers).toEqual([
      { provider: 'hashicorp/kubernetes', counts: { create: 0, update: 0, replace: 1, delete: 0, read: 0, forget: 0, import: 0 } },
      { provider: 'terraform.io/builtin/terraform', counts: { create: 0, update: 0, replace: 0, delete: 1, read: 0, forget: 0, import: 0 } },
    ]);
    expect(stack.counts.snyk.import).toBe(1);
  });
});

describe('text summary', () => {
  test('puts warnings right after the counts', () => {
    const loaded = loadFixture('destroy-replace-import');
    const lines = renderText([summarizePlan(loaded.plan, loaded.stack)]).split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'Stack destroy-replace-import',
      '  Snyk: 1 to replace, 4 to destroy, 1 to import',
      '  hashicorp/kubernetes: 1 to replace',
      '  terraform.io/builtin/terraform: 1 to destroy',
      expect.stringMatching(/^ {2}CAUTION snyk_organization.research: /),
      expect.stringMatching(/^ {2}CAUTION snyk_organization.sandbox: /),
    ]);
  });
});
