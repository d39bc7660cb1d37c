/**
 * The provider's answers to the RPCs that never change (GetProviderSchema, GetMetadata), encoded, base64 by RPC path.
 * Empty in the sources: scripts/bundle.mjs computes them from the bundle it built (`terraform-provider-snyk
 * precompute-responses`) and builds the bundle again with them in place of this module.
 */
export const PRECOMPUTED_RESPONSES: Readonly<Record<string, string>> = {};
