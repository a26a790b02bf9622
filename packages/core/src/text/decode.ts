import { RedlineError } from "../model/errors.js";
import { resolveDocLimits, tooManyParagraphs, tooMuchText, type DocLimits } from "../model/limits.js";

/**
 * Bytes to string for text inputs: UTF-8 (a BOM is dropped), or UTF-16 with a
 * BOM. Invalid UTF-8 is refused rather than turned into U+FFFD, which would
 * silently change the text being compared.
 *
 * The text readers' memory grows with characters and lines, so those limits
 * are checked here, before any line exists: first on the byte count (one
 * UTF-16 code unit takes at most 3 bytes of UTF-8 or 2 of UTF-16, so more
 * than 3 bytes per allowed character is over the limit whatever the bytes
 * say), then on the decoded text. The readers check paragraphs themselves.
 */
export function decodeText(input: string | Uint8Array, file: string | null, limits?: Partial<DocLimits>): string {
  const budget = resolveDocLimits(limits);
  const text = decodeUnlined(input, file, budget);
  if (lineCount(text) > budget.maxLines) throw tooManyParagraphs(file, budget, "lines");
  return text;
}

/** decodeText without the line limit, for a reader that counts lines as it cuts them (and checks the limit itself). */
export function decodeUnlined(input: string | Uint8Array, file: string | null, budget: DocLimits): string {
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else if (input.length > 3 * budget.maxTextChars) {
    throw tooMuchText(file, budget);
  } else if (input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
    // fatal for the same reason as UTF-8: a lone surrogate or an odd last byte must not become U+FFFD unnoticed
    try {
      text = new TextDecoder(input[0] === 0xff ? "utf-16le" : "utf-16be", { fatal: true }).decode(input.subarray(2));
    } catch (e) {
      throw new RedlineError("invalid-encoding", file, "is not valid UTF-16 text (it has a lone surrogate or an odd number of bytes); save it as UTF-8 and try again", { cause: e });
    }
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch (e) {
      throw new RedlineError("invalid-encoding", file, "is not valid UTF-8 text; save it as UTF-8 and try again", { cause: e });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // lastIndexOf, not includes: V8 searches forward for a NUL through memchr on bytes, which stops at every ASCII character of a two-byte string
  if (text.lastIndexOf("\u0000") !== -1) {
    throw new RedlineError("invalid-encoding", file, "contains NUL bytes, so it is not a text file (is it a binary document?)");
  }
  if (text.length > budget.maxTextChars) throw tooMuchText(file, budget);
  return text;
}

/** Lines as splitLines counts them (LF, CRLF or lone CR), without making them. */
function lineCount(text: string): number {
  let n = 0;
  if (text.indexOf("\r") === -1) {
    // the usual case, LF only: indexOf is native and far quicker than a loop over every character
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
    return text.length > 0 && text.charCodeAt(text.length - 1) !== 10 ? n + 1 : n;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  const last = text.charCodeAt(text.length - 1);
  return text.length > 0 && last !== 10 && last !== 13 ? n + 1 : n;
}
