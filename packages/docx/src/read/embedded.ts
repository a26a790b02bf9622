import { findChild, getAttr, type XmlElement } from "../xml/tree.js";

/**
 * What sits inside a drawing, picture or embedded object. Text boxes carry
 * paragraphs we read; the rest (images, charts, diagrams, OLE objects) is
 * content we cannot compare and report instead of dropping silently.
 */

export type DroppedKind = "image" | "chart" | "diagram" | "object" | "shape" | "altChunk" | "contentPart";

export interface EmbeddedContent {
  /** `w:txbxContent` elements not nested in another text box: their paragraphs are read as paragraphs of their own. */
  textBoxes: XmlElement[];
  dropped: DroppedKind | null;
}

/** DrawingML and VML offer the same object twice inside `mc:AlternateContent`; look at one branch only. */
function alternative(el: XmlElement): XmlElement | null {
  return findChild(el, "mc:Choice") ?? findChild(el, "mc:Fallback");
}

export function inspectEmbedded(root: XmlElement): EmbeddedContent {
  const textBoxes: XmlElement[] = [];
  let dropped: DroppedKind | null = root.name === "w:object" ? "object" : root.name === "w:contentPart" ? "contentPart" : null;
  let shape = false;
  const visit = (el: XmlElement): void => {
    switch (el.name) {
      case "w:txbxContent":
        textBoxes.push(el);
        return;
      case "mc:AlternateContent": {
        const branch = alternative(el);
        if (branch) visit(branch);
        return;
      }
      case "a:graphicData": {
        const uri = getAttr(el, "uri") ?? "";
        if (uri.endsWith("/chart")) dropped ??= "chart";
        else if (uri.endsWith("/diagram")) dropped ??= "diagram";
        else if (uri.endsWith("/picture")) dropped ??= "image";
        break;
      }
      case "v:imagedata":
        dropped ??= "image";
        break;
      case "wps:wsp":
      case "v:shape":
      case "v:rect":
      case "v:roundrect":
      case "v:oval":
        shape = true;
        break;
    }
    for (const child of el.children) if (child.type === "element") visit(child);
  };
  visit(root);
  if (dropped === null && shape && textBoxes.length === 0) dropped = "shape";
  return { textBoxes, dropped };
}
