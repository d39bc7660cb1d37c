/** Automatic fix pull requests. */
export interface AutoRemediationPrs {
  readonly backlogPrsEnabled?: boolean;
  /** Which issues a backlog PR fixes, e.g. `vuln` or `dependency`. */
  readonly backlogPrStrategy?: string;
  readonly freshPrsEnabled?: boolean;
  readonly usePatchRemediation?: boolean;
}

/** Fix pull requests opened by hand. */
export interface ManualRemediationPrs {
  readonly usePatchRemediation?: boolean;
  /** The spelling in Snyk's own example. */
  readonly useManualPatchRemediation?: boolean;
}

/** Pull request assignment, in the object shape Snyk documents. */
export interface PullRequestAssignment {
  readonly enabled?: boolean;
  /** `auto` (Snyk picks from recent committers) or `manual` (the `assignees`). */
  readonly type?: string;
  /** SCM user names, for `manual`. */
  readonly assignees?: readonly string[];
}

/** An integration's settings (`/v1/org/{orgId}/integrations/{integrationId}/settings`); every field optional. */
export interface IntegrationSettings {
  readonly autoDepUpgradeEnabled?: boolean;
  readonly autoDepUpgradeLimit?: number;
  readonly autoDepUpgradeIgnoredDependencies?: readonly string[];
  readonly autoDepUpgradeMinAge?: number;
  readonly pullRequestTestEnabled?: boolean;
  readonly pullRequestFailOnAnyVulns?: boolean;
  readonly pullRequestFailOnlyForHighSeverity?: boolean;
  readonly pullRequestTestCodeEnabled?: boolean;
  /** `low`, `medium` or `high`. */
  readonly pullRequestTestCodeSeverity?: string;
  /**
   * Who Snyk assigns its pull requests to. Snyk's API Blueprint and its own clients send the object
   * `{enabled, type, assignees}`; the v1 OpenAPI description types it as a string holding that object as JSON
   * (`'{"enabled":true,"type":"manual","assignees":["username"]}'`). Both are sent as given and read back as Snyk answers.
   */
  readonly pullRequestAssignment?: PullRequestAssignment | string;
  readonly autoRemediationPrs?: AutoRemediationPrs;
  readonly manualRemediationPrs?: ManualRemediationPrs;
  readonly dockerfileSCMEnabled?: boolean;
}
