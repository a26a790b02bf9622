import { getAttr, type XmlElement } from "../xml/tree.js";

/**
 * ST_OnOff (ECMA-376-1 17.17.4): a present element is "on" unless its w:val
 * says otherwise. Word writes "0"/"1", other producers "false"/"true"/"off"/"on".
 */
export function onOff(el: XmlElement | null): boolean | null {
  if (!el) return null;
  const value = getAttr(el, "w:val");
  return value === null || !isOff(value);
}

/** An ST_OnOff attribute (`w:customMarkFollows="1"`): false when absent. */
export function onOffAttr(el: XmlElement, name: string): boolean {
  const value = getAttr(el, name);
  return value !== null && !isOff(value);
}

function isOff(value: string): boolean {
  return value === "0" || value === "false" || value === "off";
}

/** An integer attribute (w:val by default), or null when absent or not a number. */
export function intAttr(el: XmlElement | null, name = "w:val"): number | null {
  if (!el) return null;
  const value = getAttr(el, name);
  if (value === null) return null;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : null;
}
