import {
  BROKER_CONNECTION_TYPE_NAMES,
  BrokerConnectionConfiguration,
  connectionConfigurationProblems,
  credentialFieldsOf,
} from '../../../src/snyk';

describe('Universal Broker connection types', () => {
  it('lists every type of the published spec', () => {
    expect([...BROKER_CONNECTION_TYPE_NAMES].sort()).toEqual(
      [
        'acr', 'apprisk', 'artifactory', 'artifactory-cr', 'azure-repos', 'bitbucket-server', 'digitalocean-cr', 'docker-hub', 'ecr', 'gcr',
        'github', 'github-cloud-app', 'github-cr', 'github-enterprise', 'github-server-app', 'gitlab', 'gitlab-cr', 'google-artifact-cr',
        'harbor-cr', 'jira', 'nexus', 'nexus-cr', 'quay-cr', 'workload',
      ].sort(),
    );
  });

  it('names the missing fields of every alternative, and fields a type does not take', () => {
    expect(connectionConfigurationProblems('gitlab', ['broker_client_url', 'gitlab', 'gitlab_token'])).toEqual([]);
    expect(connectionConfigurationProblems('bitbucket-server', ['broker_client_url', 'bitbucket', 'bitbucket_pat'])).toEqual([]);
    expect(connectionConfigurationProblems('bitbucket-server', ['broker_client_url', 'bitbucket'])).toEqual([
      'bitbucket-server is missing required field(s): bitbucket_username, bitbucket_password | or | bitbucket_pat',
    ]);
    expect(connectionConfigurationProblems('apprisk', ['sonarqube_host_url', 'sonarqube_api_token', 'checkmarx'])).toEqual([]);
    expect(connectionConfigurationProblems('github', ['broker_client_url', 'github_token', 'gitlab'])).toEqual([
      'github does not take gitlab; it takes broker_client_url, github_token',
    ]);
    expect(connectionConfigurationProblems('svn', [])[0]).toMatch(/^unknown connection type "svn"; accepted: github, /);
  });

  it('knows which fields take credential reference ids', () => {
    expect(credentialFieldsOf('jira')).toEqual(['jira_password', 'jira_pat']);
    expect(credentialFieldsOf('ecr')).toEqual([]);
    expect(credentialFieldsOf('quay-cr')).toEqual(['cr_password']);
  });

  it('types configurations per connection type (checked by tsc)', () => {
    const ok: BrokerConnectionConfiguration = { type: 'jira', required: { jira_hostname: 'h', jira_pat: 'id' } };
    // @ts-expect-error: a GitLab connection has no github_token
    const wrong: BrokerConnectionConfiguration = { type: 'gitlab', required: { broker_client_url: 'u', gitlab: 'g', github_token: 'id' } };
    // @ts-expect-error: github-enterprise needs github
    const missing: BrokerConnectionConfiguration = { type: 'github-enterprise', required: { broker_client_url: 'u', github_token: 'id' } };
    expect([ok, wrong, missing]).toHaveLength(3);
  });
});
