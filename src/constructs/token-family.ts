import type { IIntegration } from './integration-ref';

/** What a token family needs to know of a Broker token. */
export interface FamilyToken {
  /** The token, a sensitive deploy-time reference. */
  readonly token: string;
  /** False while it stays provisional (not switched to). */
  readonly activates: boolean;
}

/**
 * Integrations that share one classic Broker token: an integration, its clones, and the copies in organizations
 * created from its organization. Provisioning and switching a token act on the whole family.
 */
export class TokenFamily {
  private readonly memberList: IIntegration[] = [];
  private readonly rotations: FamilyToken[] = [];

  /** @param initialToken the token captured when the broker was enabled; throws when there is none to know */
  public constructor(private readonly initialToken: () => string) {}

  /** The integrations of the family declared in this app, the first one first. */
  public get members(): readonly IIntegration[] {
    return this.memberList;
  }

  /** The token in use once the deploy is done: the last activated rotation's, else the captured one. */
  public get currentToken(): string {
    const active = this.rotations.filter((rotation) => rotation.activates);
    return active.length > 0 ? active[active.length - 1].token : this.initialToken();
  }

  public addMember(integration: IIntegration): void {
    this.memberList.push(integration);
  }

  public addRotation(token: FamilyToken): void {
    this.rotations.push(token);
  }
}
