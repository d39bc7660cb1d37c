// Kept apart from code-cache.ts (node:vm, node:os) so that noting a path costs a launch nothing to load.
const ranCodePaths = new Set<string>();

/**
 * Names a code path this process runs (an RPC and its resource type, say), for the code cache: the first one names
 * the kind of launch, which has its own cache, and a launch that ran paths its cache does not cover saves it again
 * (a plan launch's reading, planning and HTTP code would otherwise be compiled again at every plan when a cache was
 * first made by a launch that only validated). Saving costs about 10 ms, so a covered launch does not save.
 */
export function noteCodePath(name: string): void {
  ranCodePaths.add(name);
}

/** The code paths noted so far in this process, in the order they were first noted. */
export function notedCodePaths(): ReadonlySet<string> {
  return ranCodePaths;
}
