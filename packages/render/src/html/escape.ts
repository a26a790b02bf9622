/**
 * Every piece of document text, name and attribute value goes through
 * `escapeHtml`: with all five of & < > " ' replaced, the same function is safe
 * in element content and in quoted attribute values, so there is no second
 * variant to pick wrongly. A picture's placeholder (U+FFFC) reads "[picture]".
 */
import { showPictures } from "../common/pictures.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return showPictures(text.replace(/[&<>"']/g, (c) => ENTITIES[c]!));
}
