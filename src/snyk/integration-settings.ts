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
  /** A JSON string, e.g. `{"enabled":true,"type":"manual","assignees":["username"]}`. */
  readonly pullRequestAssignment?: string;
  readonly autoRemediationPrs?: AutoRemediationPrs;
  readonly manualRemediationPrs?: ManualRemediationPrs;
  readonly dockerfileSCMEnabled?: boolean;
}
