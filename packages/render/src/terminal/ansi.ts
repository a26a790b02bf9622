/**
 * ANSI styling, and making document text safe to print on a terminal.
 *
 * A document is untrusted input: an ESC byte in it could move the cursor,
 * retitle the window or hide text. Control characters are therefore shown as
 * their Unicode "control picture" (ESC becomes ␛), never passed through, so
 * the only escape sequences in the output are the ones written here, and none
 * at all when colour is off.
 */

import { showPictures } from "../common/pictures.js";

/** SGR parameters. Deletions: red + strikethrough (9); insertions: green + underline (4). */
export const SGR = {
  delete: "31;9",
  insert: "32;4",
  bold: "1",
  dim: "2",
  tag: "36",
  plus: "32",
  minus: "31",
  MOD: "1;33",
  ADD: "1;32",
  SUP: "1;31",
  NOC: "2",
} as const;

export type SgrName = keyof typeof SGR;

/** A piece of text and the style it is printed in (null: plain). */
export interface Frag {
  text: string;
  style: SgrName | null;
}

const ESC = "\u001b";

export function paint(text: string, style: SgrName | null, color: boolean): string {
  if (!color || style === null || text === "") return text;
  return `${ESC}[${SGR[style]}m${text}${ESC}[0m`;
}

/** Print fragments, merging neighbours of the same style into one escape run. */
export function paintFrags(frags: readonly Frag[], color: boolean): string {
  let out = "";
  let run = "";
  let style: SgrName | null = null;
  for (const f of frags) {
    if (f.style !== style) {
      out += paint(run, style, color);
      run = "";
      style = f.style;
    }
    run += f.text;
  }
  return out + paint(run, style, color);
}

// C0 controls except "\n" (paragraph breaks, handled by the caller), DEL, and C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** Document text made inert for a terminal. Tabs (label separators, dash items) become one space; a picture's placeholder reads "[picture]". */
export function sanitize(text: string): string {
  return showPictures(text).replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x09) return " ";
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return "\ufffd";
  });
}

/** `sanitize`, and "\n" too: for one-line items such as addresses and names. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/\n/g, "\u2424");
}
