/**
 * Errors a user can cause. `code` is stable (tests and pipelines match on it);
 * `message` is one sentence a non-programmer understands, naming the file.
 */
export type RedlineErrorCode =
  | "bad-arguments"
  | "not-found"
  | "unreadable"
  | "empty-input"
  | "invalid-encoding"
  | "not-a-zip"
  | "truncated"
  | "missing-part"
  | "encrypted"
  | "legacy-doc"
  | "unsupported-format"
  | "too-large"
  | "unsafe-xml"
  | "bad-xml"
  | "bad-delta";

export class RedlineError extends Error {
  override readonly name = "RedlineError";
  readonly code: RedlineErrorCode;
  /** The file the problem is about, as the user named it, or null. */
  readonly file: string | null;

  constructor(code: RedlineErrorCode, file: string | null, message: string, options?: { cause?: unknown }) {
    super(file ? `${file}: ${message}` : message, options);
    this.code = code;
    this.file = file;
  }
}

export function isRedlineError(e: unknown): e is RedlineError {
  return e instanceof Error && (e as { name?: string }).name === "RedlineError" && typeof (e as RedlineError).code === "string";
}
