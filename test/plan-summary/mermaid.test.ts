import { buildSnykGraph, escapeMermaid, modelResourceChange, renderMermaid } from '../../src/plan-summary';
import { planOf, resourceChange } from './builders';

describe('Mermaid diagram', () => {
  test('orgs hold their integrations and tokens; clones, tokens and copies are arrows; changes are classes and labels', () => {
    const changes = [
      resourceChange('snyk_organization.a', ['update'], { id: 'o1', name: 'acme' }, { id: 'o1', name: 'acme2' }),
      resourceChange('snyk_integration.gh', ['no-op'], { id: 'i1', type: 'github', broker: true, organization_id: 'o1' }, { id: 'i1', type: 'github', broker: true, organization_id: 'o1' }),
      resourceChange('snyk_broker_token.t', ['delete'], { id: 't1', organization_id: 'o1', integration_id: 'i1', status: 'active' }, null),
      resourceChange('snyk_integration_clone.c', ['create'], null, { source_integration_id: 'i1', destination_organization_id: 'o9' }, { unknown: ['id', 'type'] }),
    ];
    const models = changes.map(modelResourceChange);
    const diagram = renderMermaid(buildSnykGraph(planOf(changes), models));
    expect(diagram).toBe(
      [
        'flowchart LR',
        '  subgraph org0["org o9<br/>not in this plan"]',
        '    n3["clone: github<br/>+ create"]',
        '  end',
        '  subgraph org4["acme2<br/>~ update"]',
        '    n1(["Broker token<br/>active<br/>- destroy"])',
        '    n2["github (brokered)"]',
        '  end',
        '  n2 -->|clone, same token| n3',
        '  n1 -.->|token of| n2',
        '  classDef create fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
        '  classDef update fill:#fff8c5,stroke:#9a6700,color:#1f2328',
        '  classDef replace fill:#ffe7d1,stroke:#bc4c00,color:#1f2328',
        '  classDef destroy fill:#ffebe9,stroke:#cf222e,color:#1f2328',
        '  classDef unchanged fill:#f6f8fa,stroke:#8c959f,color:#1f2328',
        '  class org0,n2 unchanged',
        '  class n1 destroy',
        '  class n3 create',
        '  class org4 update',
      ].join('\n'),
    );
  });

  test('no Snyk resources, no diagram', () => {
    expect(renderMermaid(buildSnykGraph(planOf([]), []))).toBeUndefined();
  });

  test('escapes what Mermaid reads as markup', () => {
    expect(escapeMermaid('a "b" <c> #d `e`')).toBe('a #quot;b#quot; #lt;c#gt; #35;d #96;e#96;');
  });
});
