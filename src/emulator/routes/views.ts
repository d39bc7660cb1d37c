import { EmulatorModel } from '../model';
import { GroupRecord, OrgRecord } from '../state';

/** The web address Snyk gives an org. */
export function orgUrl(org: OrgRecord): string {
  return `https://app.snyk.io/org/${org.slug}`;
}

/** The web address Snyk gives a group. */
export function groupUrl(group: GroupRecord): string {
  return `https://app.snyk.io/group/${group.id}`;
}

/** `{id, name}` of the org's group, or null for a personal org. */
export function groupSummary(model: EmulatorModel, org: OrgRecord): { id: string; name: string } | null {
  if (org.groupId === null) {
    return null;
  }
  const group = model.group(org.groupId);
  return { id: group.id, name: group.name };
}
