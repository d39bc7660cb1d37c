import { badRequest } from '../errors';

/** The `limit` rules of a list: broker lists take 1..100 (default 10), app-install lists 10..100 in steps of 10. */
export interface LimitRule {
  min: number;
  max: number;
  step: number;
}

export const BROKER_LIMIT: LimitRule = { min: 1, max: 100, step: 1 };
export const APP_INSTALL_LIMIT: LimitRule = { min: 10, max: 100, step: 10 };
const DEFAULT_LIMIT = 10;

/** How `links` are written: relative to the REST root, as Snyk writes them, or with the `/rest` prefix. */
export type LinkStyle = 'relative' | 'rest-path';

export interface Page<T> {
  items: T[];
  links: Record<string, string>;
}

/**
 * One page of `items` (in creation order) by cursor: `starting_after` / `ending_before` name an item id, `limit` the
 * page size. Links carry the same version and limit; `next` is there only when more items follow.
 */
export function paginate<T extends { id: string }>(items: readonly T[], query: URLSearchParams, restPath: string, rule: LimitRule, style: LinkStyle): Page<T> {
  const limit = parseLimit(query.get('limit'), rule);
  const after = query.get('starting_after');
  const before = query.get('ending_before');
  let start = 0;
  let end = items.length;
  if (after !== null) {
    start = cursorIndex(items, after, 'starting_after') + 1;
    end = Math.min(items.length, start + limit);
  } else if (before !== null) {
    end = cursorIndex(items, before, 'ending_before');
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(items.length, limit);
  }
  const page = items.slice(start, end);
  const link = (extra: Record<string, string>): string => linkTo(restPath, style, { version: query.get('version') ?? '', limit: String(limit), ...extra });
  const links: Record<string, string> = { self: link(cursorOf(query)) };
  const last = page[page.length - 1];
  if (end < items.length && last !== undefined) {
    links.next = link({ starting_after: last.id });
  }
  const first = page[0];
  if (start > 0 && first !== undefined) {
    links.prev = link({ ending_before: first.id });
  }
  return { items: page, links };
}

/** A link to a REST path (written below `/rest`, e.g. '/orgs/x') in the given style. */
export function linkTo(restPath: string, style: LinkStyle, params: Record<string, string>): string {
  const prefix = style === 'rest-path' ? '/rest' : '';
  return `${prefix}${restPath}?${new URLSearchParams(params).toString()}`;
}

function cursorOf(query: URLSearchParams): Record<string, string> {
  const after = query.get('starting_after');
  const before = query.get('ending_before');
  return after !== null ? { starting_after: after } : before !== null ? { ending_before: before } : {};
}

function parseLimit(value: string | null, rule: LimitRule): number {
  if (value === null) {
    return DEFAULT_LIMIT;
  }
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < rule.min || limit > rule.max || limit % rule.step !== 0) {
    const steps = rule.step > 1 ? ` in steps of ${rule.step}` : '';
    throw badRequest(`"limit" must be a whole number from ${rule.min} to ${rule.max}${steps}`);
  }
  return limit;
}

function cursorIndex<T extends { id: string }>(items: readonly T[], cursor: string, name: string): number {
  const index = items.findIndex((item) => item.id === cursor);
  if (index < 0) {
    throw badRequest(`"${name}" is not a cursor of this list`);
  }
  return index;
}
