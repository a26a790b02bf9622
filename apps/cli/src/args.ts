/** Argument parsing on node:util's parseArgs, with errors a person can act on. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { RedlineError } from "@redline/core";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse<O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option/, "unknown option");
    throw new RedlineError("bad-arguments", null, `${command}: ${msg} (see 'redline ${command} --help')`);
  }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RedlineError("bad-arguments", null, `${flag} must be one of ${allowed.join(", ")} (got '${value}')`);
}

export function nonNegativeInt(value: string | undefined, flag: string): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw new RedlineError("bad-arguments", null, `${flag} must be a whole number (got '${value}')`);
  return Number(value);
}
