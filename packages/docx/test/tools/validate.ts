/// <reference types="node" />
/**
 * The Open XML SDK validator, offline: `@ooxml-tools/validate` is
 * DocumentFormat.OpenXml (3.0.2) compiled to WebAssembly on the .NET 8 wasm
 * runtime, with every assembly embedded (base64) in its index.js, so it needs
 * no network and no dotnet. Its API is `validate(bytes, "docx", version)`
 * (the README's `validate(input, version)` is out of date); loading costs
 * about half a second, the first validation a few seconds more (the runtime
 * warms up), later ones about a second for a 100-page document.
 *
 * `validateDocx` answers null when the validator cannot run at all (not
 * installed, or installed but failing to start), after logging why, once.
 * A package the validator cannot open is reported as an error, not as null.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface ValidationError {
  description: string;
  /** XPath of the offending element within its part */
  path?: string;
  /** the part, e.g. "/word/document.xml" */
  part?: string;
  /** the SDK's error id, e.g. "Sch_UnexpectedElementContentExpectingComplex" */
  id?: string;
}

export type ValidatorStatus =
  | { ok: true; version: string }
  | { ok: false; installed: boolean; reason: string };

interface SdkResult {
  description: string;
  path?: { xpath?: string; partUri?: string } | null;
  id?: string;
}
type SdkValidate = (bytes: Uint8Array, format: "docx", officeVersion?: string) => Promise<SdkResult[]>;

const PACKAGE = "@ooxml-tools/validate";
/** the Office version whose schemas apply: the validator's default, and the newest */
export const OFFICE_VERSION = "Microsoft365";

let loading: Promise<{ status: ValidatorStatus; validate: SdkValidate | null }> | undefined;
let logged = false;

function installedVersion(): string | null {
  try {
    const main = createRequire(import.meta.url).resolve(PACKAGE);
    for (let dir = path.dirname(main); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const manifest = path.join(dir, "package.json");
      if (!existsSync(manifest)) continue;
      const json = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (json.name === PACKAGE) return json.version ?? "unknown";
    }
    return "unknown";
  } catch {
    return null;
  }
}

async function load(): Promise<{ status: ValidatorStatus; validate: SdkValidate | null }> {
  const version = installedVersion();
  if (version === null) {
    return { status: { ok: false, installed: false, reason: `${PACKAGE} is not installed (pnpm --filter @redline/docx install)` }, validate: null };
  }
  try {
    const mod = (await import(PACKAGE)) as { default: SdkValidate; ready: () => Promise<unknown> };
    await mod.ready();
    return { status: { ok: true, version }, validate: mod.default };
  } catch (e) {
    const reason = `${PACKAGE}@${version} is installed but does not start: ${e instanceof Error ? e.message : String(e)}`;
    return { status: { ok: false, installed: true, reason }, validate: null };
  }
}

function loaded(): Promise<{ status: ValidatorStatus; validate: SdkValidate | null }> {
  loading ??= load().then((r) => {
    if (!r.status.ok && !logged) {
      logged = true;
      console.warn(`Open XML validator unavailable: ${r.status.reason}`);
    }
    return r;
  });
  return loading;
}

/** Whether the validator runs here, its version, or why not (starts it, once). */
export async function validatorStatus(): Promise<ValidatorStatus> {
  return (await loaded()).status;
}

/** Validates a .docx against the Open XML SDK's schemas and semantic constraints (Microsoft 365). */
export async function validateDocx(bytes: Uint8Array): Promise<{ errors: ValidationError[] } | null> {
  const { validate } = await loaded();
  if (!validate) return null;
  let results: SdkResult[];
  try {
    results = await validate(bytes, "docx", OFFICE_VERSION);
  } catch (e) {
    return { errors: [{ description: `the validator cannot open the package: ${e instanceof Error ? e.message : String(e)}`, id: "PackageOpen" }] };
  }
  return {
    errors: results.map((r) => {
      const out: ValidationError = { description: r.description };
      if (r.path?.xpath) out.path = r.path.xpath;
      if (r.path?.partUri) out.part = r.path.partUri;
      if (r.id) out.id = r.id;
      return out;
    }),
  };
}
