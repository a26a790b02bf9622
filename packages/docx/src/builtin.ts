/**
 * A member of a Node built-in module (a function or class), reached through
 * the process object's `getBuiltinModule` (Node 20.16+) rather than an import
 * statement, so that browser bundles of this package never see "node:..."
 * and keep their portable path; null outside Node. This is the one way src
 * reaches anything Node-only (test/api.test.ts checks it).
 */
export function nodeBuiltin<T>(name: string, member: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== "function") return null;
  try {
    const found = (proc.getBuiltinModule(name) as Record<string, unknown> | undefined)?.[member];
    return typeof found === "function" ? (found as T) : null;
  } catch {
    return null;
  }
}
