/** Folds text for matching typed answers: case, diacritics (ä→a, å→a, ö→o), punctuation and spacing. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a `a|b|c` word list from the locales into folded alternatives. */
export function foldedAlternatives(list: string): string[] {
  return list
    .split('|')
    .map(foldText)
    .filter((word) => word.length > 0);
}
