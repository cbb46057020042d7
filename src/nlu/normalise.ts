/** Full-width forms to ASCII, lower case, one space: what people type on a Chinese IME becomes comparable. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Strip what people add to a short answer: punctuation (ASCII and full-width), quotes, emoji. */
export const bare = (text: string): string =>
  normalise(text)
    .replace(/['’‘`]/g, '')
    .replace(/[\p{P}\p{S}\p{Extended_Pictographic}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
