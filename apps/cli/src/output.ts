/** Where a command's result goes: a file written atomically, or stdout. */
import { writeAtomic } from "./io.js";

export interface Sink {
  /** write the result: to the file, or to stdout */
  result(data: string | Uint8Array): void;
}

export function sink(out: string | null): Sink {
  return {
    result(data) {
      if (out) writeAtomic(out, data);
      else process.stdout.write(data);
    },
  };
}

/** Colour on stdout: --color wins, then NO_COLOR (any non-empty value), then FORCE_COLOR, then whether stdout is a terminal. */
export function useColor(flag: "always" | "never" | "auto", toFile: boolean): boolean {
  if (flag === "always") return true;
  if (flag === "never" || toFile) return false;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return process.stdout.isTTY === true;
}
