/// <reference types="node" />
import { accessSync, constants } from "node:fs";
import path from "node:path";

/** The full path of an executable on PATH, or null: `command -v` without a shell. */
export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}
