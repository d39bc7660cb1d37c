import { Construct } from 'constructs';
import { SnykProvider } from '../../src';
import { Testing, TerraformStack } from '../../src/constructs/core';

/** Values that must never show up in synthesized configuration. */
export const PLANTED_SECRETS = {
  SNYK_TOKEN: 'planted-snyk-api-key-5a1f',
  TF_VAR_GHE_TOKEN: 'planted-ghe-token-77c2',
};

/** Runs `fn` with the planted secrets in the environment, restoring it afterwards. */
export function withPlantedSecrets<T>(fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(PLANTED_SECRETS).map((name) => [name, process.env[name]]));
  Object.assign(process.env, PLANTED_SECRETS);
  try {
    return fn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Synthesizes a stack built by `build` (with planted secrets in the environment) and checks none of them leaked. */
export function synth(build: (scope: Construct) => void): string {
  const json = withPlantedSecrets(() => Testing.synthScope(build));
  for (const secret of Object.values(PLANTED_SECRETS)) {
    expect(json).not.toContain(secret);
  }
  return json;
}

/** The validation errors of a stack built by `build`, as `[path] message` lines; empty when it is valid. */
export function validationErrors(build: (scope: Construct) => void): string[] {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new SnykProvider(stack, 'DefaultSnyk');
  build(stack);
  try {
    Testing.synth(stack, true);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('['));
  }
}
