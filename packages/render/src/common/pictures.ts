/**
 * The .docx reader puts U+FFFC (the object replacement character) where a
 * picture stands, so that a picture added or removed is a change. A reader of
 * a report sees it as this word instead of an invisible or boxed character.
 */
export const PICTURE_CHAR = "\ufffc";
export const PICTURE_TEXT = "[picture]";

export function showPictures(text: string): string {
  return text.includes(PICTURE_CHAR) ? text.split(PICTURE_CHAR).join(PICTURE_TEXT) : text;
}
