// Integration types with made-up credentials for the fan-out benchmark: each takes only plain string fields.
export const BENCH_INTEGRATION_CREDENTIALS = {
  github: { token: 'bench-github-token' },
  gitlab: { token: 'bench-gitlab-token' },
  'docker-hub': { username: 'bench', password: 'bench-docker-hub-password' },
  'bitbucket-cloud': { username: 'bench', password: 'bench-bitbucket-password' },
  'azure-repos': { token: 'bench-azure-token', url: 'https://dev.azure.com/bench' },
  'github-enterprise': { token: 'bench-ghe-token', url: 'https://ghe.bench.example' },
  'bitbucket-server': { username: 'bench', password: 'bench-bbs-password', url: 'https://bitbucket.bench.example' },
  'digitalocean-cr': { token: 'bench-do-token' },
};

export const BENCH_INTEGRATION_TYPES = Object.keys(BENCH_INTEGRATION_CREDENTIALS);
