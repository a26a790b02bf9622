import { RedlineError } from "../model/errors.js";

/**
 * Bytes to string for text inputs: UTF-8 (a BOM is dropped), or UTF-16 with a
 * BOM. Invalid UTF-8 is refused rather than turned into U+FFFD, which would
 * silently change the text being compared.
 */
export function decodeText(input: string | Uint8Array, file: string | null): string {
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else if (input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
    text = new TextDecoder(input[0] === 0xff ? "utf-16le" : "utf-16be").decode(input.subarray(2));
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch (e) {
      throw new RedlineError("invalid-encoding", file, "is not valid UTF-8 text; save it as UTF-8 and try again", { cause: e });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes("\u0000")) {
    throw new RedlineError("invalid-encoding", file, "contains NUL bytes, so it is not a text file (is it a binary document?)");
  }
  return text;
}
