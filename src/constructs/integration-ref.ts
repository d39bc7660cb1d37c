import { IConstruct } from 'constructs';
import type { BrokerToken } from './broker-token';
import type { IntegrationClone } from './integration-clone';
import type { IOrganization } from './organization';
import type { SnykProvider } from './provider';
import type { TokenFamily } from './token-family';

/** Options of `cloneTo()`. */
export interface CloneToOptions {
  /**
   * The construct id of the clone, a child of the integration cloned.
   * @default `CloneTo-<the destination organization's construct id>`
   */
  readonly id?: string;
}

/** Options of `rotateBrokerToken()`. */
export interface RotateBrokerTokenOptions {
  /** Any value; changing it in a later deploy provisions a new token (for example a date or a ticket number). */
  readonly trigger: string;
  /**
   * Whether to switch the token family to the new token in the same deploy. Set `false` for a zero-downtime rotation:
   * deploy, start broker clients with the provisional token, then set `true` and deploy again.
   * @default true
   */
  readonly activate?: boolean;
  /**
   * The construct id of the Broker token, a child of the integration.
   * @default `BrokerToken`, then `BrokerToken2`, ...
   */
  readonly id?: string;
}

/** An integration declared in this app, cloned, or existing already. */
export interface IIntegration extends IConstruct {
  /** The integration's id (a deploy-time reference for one declared in this app). */
  readonly integrationId: string;
  /** The organization the integration belongs to. */
  readonly organization: IOrganization;
  /** The integration type, e.g. `github-enterprise`. */
  readonly type: string;
  /** The integrations that share this one's Broker token. */
  readonly tokenFamily: TokenFamily;
  /** The provider configuration its resources use; undefined for the default one. */
  readonly provider?: SnykProvider;
  /**
   * The Broker token in use by the token family: a sensitive deploy-time reference. Throws at synth time when it is not
   * known (an unbrokered integration, an imported one that was never rotated).
   */
  readonly brokerToken: string;
  /** Clones this integration (with its credentials and Broker token) into another organization of the same group. */
  cloneTo(organization: IOrganization, options?: CloneToOptions): IntegrationClone;
  /** Provisions a new Broker token for the whole token family, optionally switching to it at once. */
  rotateBrokerToken(options: RotateBrokerTokenOptions): BrokerToken;
}
