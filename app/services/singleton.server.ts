/**
 * Process-wide singletons. The web build (bundled by Remix) and code loaded directly (the
 * worker, the launcher, tests) are separate module instances in one process; keeping
 * connection pools on globalThis gives them one pool each instead of two, and lets whoever
 * shuts the process down close them all.
 */
const registry = ((globalThis as { __cashlineSingletons?: Map<string, unknown> }).__cashlineSingletons ??= new Map());

export function singleton<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** Removes and returns a singleton (for closing it). */
export function takeSingleton<T>(name: string): T | undefined {
  const value = registry.get(name) as T | undefined;
  registry.delete(name);
  return value;
}
