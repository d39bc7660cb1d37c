import { Reply, RouteContext } from '../router';
import { jsonApiDocument } from './documents';
import { BROKER_LIMIT, LimitRule, linkTo, LinkStyle, paginate } from './pagination';
import { restPathOf, ubModel } from './request';

function linkStyle(context: RouteContext): LinkStyle {
  return ubModel(context).behaviors.get('ub-links-next');
}

/** A page of a list, as a JSON:API document with `links`. */
export function listReply<T extends { id: string }>(
  context: RouteContext,
  pattern: string,
  items: readonly T[],
  toResource: (item: T) => unknown,
  rule: LimitRule = BROKER_LIMIT,
): Reply {
  const page = paginate(items, context.query, restPathOf(pattern, context.params), rule, linkStyle(context));
  return { status: 200, body: jsonApiDocument(page.items.map(toResource), page.links) };
}

/** One resource as a JSON:API document, linking to itself (`selfPath` below `/rest`, defaulting to the request's path). */
export function resourceReply(context: RouteContext, pattern: string, status: number, data: unknown, selfPath?: string): Reply {
  const self = linkTo(selfPath ?? restPathOf(pattern, context.params), linkStyle(context), { version: context.query.get('version') ?? '' });
  return { status, body: jsonApiDocument(data, { self }) };
}

export const NO_CONTENT: Reply = { status: 204 };
