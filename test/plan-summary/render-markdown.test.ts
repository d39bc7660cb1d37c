import { COMMENT_MARKER, renderMarkdown, summarizePlan } from '../../src/plan-summary';
import { planOf, resourceChange } from './builders';
import { expectGolden, fixtureNames, loadFixture } from './support';

describe('Markdown summary', () => {
  test.each(fixtureNames())('%s matches its golden file', (name) => {
    const loaded = loadFixture(name);
    expectGolden(`${name}.md`, renderMarkdown([summarizePlan(loaded.plan, loaded.stack, loaded.source)]));
  });

  test('several stacks share one comment: one marker, one heading per stack', () => {
    const summaries = ['new-brokered-family', 'no-changes'].map((name) => {
      const loaded = loadFixture(name);
      return summarizePlan(loaded.plan, loaded.stack, loaded.source);
    });
    const markdown = renderMarkdown(summaries);
    expect(markdown.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(markdown.split(COMMENT_MARKER)).toHaveLength(2);
    expect(markdown.match(/^### Stack /gm)).toEqual(['### Stack ', '### Stack ']);
    expect(markdown).toContain('### Stack `no-changes`\n\nNo changes.');
  });

  test('warnings come before the sections, and empty sections are left out', () => {
    const loaded = loadFixture('rotate-and-activate');
    const markdown = renderMarkdown([summarizePlan(loaded.plan, loaded.stack)]);
    expect(markdown.indexOf('> [!CAUTION]')).toBeLessThan(markdown.indexOf('#### Organizations'));
    expect(markdown).not.toContain('#### Integration clones');
    expect(markdown).toContain('```mermaid\nflowchart LR');
  });

  test('names cannot break the table or smuggle HTML', () => {
    const plan = planOf([resourceChange('snyk_organization.o', ['create'], null, { name: 'a | b <!-- cdktf-snyk-plan-summary -->\nc' }, { unknown: ['id'] })]);
    const markdown = renderMarkdown([summarizePlan(plan, 'x')]);
    expect(markdown).toContain('| create | a \\| b &lt;!-- cdktf-snyk-plan-summary --&gt; c |');
    expect(markdown.split(COMMENT_MARKER)).toHaveLength(2);
    expect(markdown).toContain('["a | b #lt;!-- cdktf-snyk-plan-summary --#gt; c<br/>+ create"]');
  });
});
