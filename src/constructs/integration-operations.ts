import { Construct } from 'constructs';
import { BrokerToken } from './broker-token';
import type { IIntegration, RotateBrokerTokenOptions } from './integration-ref';
import type { IOrganization } from './organization';

/** `base`, else `base2`, `base3`... : the first id not yet taken among `scope`'s children. */
export function freeChildId(scope: Construct, base: string): string {
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n += 1) {
    id = `${base}${n}`;
  }
  return id;
}

/** The default construct id of a clone into `destination`. */
export function cloneId(destination: IOrganization): string {
  return `CloneTo-${destination.node.id}`;
}

/** `rotateBrokerToken()` of every integration kind. */
export function rotateBrokerToken(integration: IIntegration & Construct, options: RotateBrokerTokenOptions): BrokerToken {
  return new BrokerToken(integration, options.id ?? freeChildId(integration, 'BrokerToken'), {
    integration,
    rotationTriggers: { trigger: options.trigger },
    activate: options.activate,
  });
}
