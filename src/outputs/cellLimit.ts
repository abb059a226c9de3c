/**
 * Excel's limit on one cell's text: 32,767 characters as Excel counts them (LEN counts UTF-16 units, so an
 * emoji is 2). Text over it is cut, never between the two halves of one character.
 */
export const MAX_CELL_CHARS = 32767;

/** `text` cut to Excel's cell limit; a character that would be split (an emoji) is left out whole. */
export function cutToCellLimit(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  const last = text.charCodeAt(MAX_CELL_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS);
}
