import { LoadedPlan } from './input';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { renderText } from './render-text';
import { collectSecretStrings, redactSecrets } from './sensitive';
import { StackSummary, summarizePlan } from './summary';

export type SummaryFormat = 'markdown' | 'json' | 'text';
export const SUMMARY_FORMATS: readonly SummaryFormat[] = ['markdown', 'json', 'text'];

export interface RenderedSummary {
  readonly output: string;
  readonly summaries: readonly StackSummary[];
  /** Whether any plan deletes or replaces anything. */
  readonly destructive: boolean;
}

const RENDERERS: { readonly [format in SummaryFormat]: (summaries: readonly StackSummary[]) => string } = {
  markdown: renderMarkdown,
  json: renderJson,
  text: renderText,
};

/**
 * Summarises and renders plans. The renderers never read sensitive values; as a backstop every sensitive string of
 * every plan is also redacted from the rendered text.
 */
export function renderPlanSummary(plans: readonly LoadedPlan[], format: SummaryFormat): RenderedSummary {
  const summaries = plans.map((loaded) => summarizePlan(loaded.plan, loaded.stack, loaded.source));
  const secrets = new Set(plans.flatMap((loaded) => [...collectSecretStrings(loaded.plan)]));
  const output = redactSecrets(RENDERERS[format](summaries), secrets);
  return { output, summaries, destructive: summaries.some((summary) => summary.destructive) };
}
