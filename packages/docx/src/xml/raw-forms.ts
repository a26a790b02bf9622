import type { XmlElement } from "./tree.js";

/**
 * How the source spelled a node, kept only where that differs from what the
 * serializer would write (single-quoted attributes, `&#x41;`, `<a></a>`,
 * CRLF inside text...). Word's own output never needs an entry, so the table
 * stays tiny and the tree stays plain data.
 *
 * Each entry remembers the value it spells: once a node is edited, the
 * spelling no longer matches and the canonical form is written instead. A
 * WeakMap keeps all this off the nodes themselves; a structured clone of a
 * tree simply loses it and serializes canonically (except where the clone's
 * elements are copied from their source: see XmlElement.doc).
 */

export interface RawElementForm {
  kind: "element";
  /** The open tag as written, without its final `>` or `/>`, or null if canonical. */
  head: string | null;
  /** The close tag as written, or null if canonical. */
  close: string | null;
  /** An element without children that was written `<a></a>` rather than `<a/>`. */
  emptyPair: boolean;
  /** Name and attributes the spelling stands for (see `elementSignature`). */
  signature: string;
}

export interface RawCharacterForm {
  kind: "chars";
  /** The node's source text, markup included (`<!--x-->`, `a&#x42;c`). */
  raw: string;
  /** The decoded content it spells (text, comment body, PI target + body). */
  value: string;
}

export const rawForms = new WeakMap<object, RawElementForm | RawCharacterForm>();

export function elementSignature(el: XmlElement): string {
  let out = el.name;
  for (const [name, value] of el.attrs) out += `\u0001${name}\u0002${value}`;
  return out;
}
