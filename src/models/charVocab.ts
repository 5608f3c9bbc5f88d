// The text8-style character vocabulary: space, a–z, and the mask token (V = 28).

export const CHAR_ALPHABET = ' abcdefghijklmnopqrstuvwxyz';
export const CHAR_MASK = CHAR_ALPHABET.length; // 27
export const CHAR_VOCAB = CHAR_ALPHABET.length + 1;

/** Lower-cases and keeps a–z and single spaces (anything else becomes a space). */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

export function encodeChars(text: string): Int32Array {
  return Int32Array.from(text, (ch) => {
    const i = CHAR_ALPHABET.indexOf(ch);
    if (i < 0) throw new Error(`character "${ch}" is not in the a–z + space vocabulary`);
    return i;
  });
}

export function decodeChars(tokens: ArrayLike<number>, maskSymbol = '_'): string {
  return Array.from(tokens, (t) => (t === CHAR_MASK ? maskSymbol : (CHAR_ALPHABET[t] ?? '?'))).join('');
}
