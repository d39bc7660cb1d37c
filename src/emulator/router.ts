import { BehaviorSet } from './behaviors';
import { ErrorFlavor } from './errors';
import { FaultInjector } from './faults';
import { EmulatorModel } from './model';
import { RequestLog } from './request-log';
import type { UniversalBrokerModel } from './universal-broker/model';

/** What a route handler sees of the emulator. */
export interface EmulatorServices {
  model: EmulatorModel;
  faults: FaultInjector;
  log: RequestLog;
  behaviors: BehaviorSet;
  universalBroker: UniversalBrokerModel;
}

/** One parsed request, as a handler receives it. */
export interface RouteContext {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The parsed JSON body, or undefined when the request had none. */
  body: unknown;
  services: EmulatorServices;
  /** The API key or token the caller authenticated with (for permission checks; never logged or echoed). */
  caller?: string;
}

/** What a handler answers; the server serialises `body` as JSON (REST routes as JSON:API). */
export interface Reply {
  status: number;
  body?: unknown;
}

/** A route: method, a path pattern with `:name` parameters, and its handler. */
export interface Route {
  method: string;
  pattern: string;
  /** Error body format for this route when it differs from its area's (organization creation). */
  errorFlavor?: ErrorFlavor;
  handle(context: RouteContext): Reply;
}

export type RouteMatch = { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'wrong-method'; allowed: string[] } | { kind: 'none' };

/** Finds the route for a method and path; tells a path known under other methods apart from an unknown one. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (params === undefined) {
      continue;
    }
    if (route.method === method) {
      return { kind: 'found', route, params };
    }
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const patternSegments = pattern.split('/');
  const pathSegments = path.replace(/\/+$/, '').split('/');
  if (patternSegments.length !== pathSegments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [index, segment] of patternSegments.entries()) {
    const actual = pathSegments[index] as string;
    if (segment.startsWith(':')) {
      if (actual === '') {
        return undefined;
      }
      params[segment.slice(1)] = decodeURIComponent(actual);
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}
