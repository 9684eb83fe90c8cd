/** Combining diacritical marks (the blocks Latin accents decompose into). Copied, frozen, in migration 1765100000004. */
// eslint-disable-next-line no-misleading-character-class -- a class of combining marks, on purpose
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;

/**
 * How student names and admission numbers are searched: one normalised form for the stored keys and for
 * the query, so "Jose", "JOSÉ" and "jose" meet. NFKD splits accented letters into a base letter and
 * combining marks, and the diacritical marks are dropped; then lower case, and any run of white space
 * becomes one space. Only the diacritic blocks go, not every \p{M}: Devanagari vowel signs are combining
 * marks too, and dropping them would make "राम" and "रम" the same name.
 */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKD').replace(DIACRITICS, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Longest search text the list accepts (ListStudentsQuery.q); longer answers 400 naming `q`. */
export const SEARCH_QUERY_MAX = 100;

/** The sort key of the list's name order: "first last", normalised (so accents sort with their letter). */
export function nameSearchOf(first: string, last: string): string {
  return normaliseSearchText(`${first} ${last}`).slice(0, 201);
}

/** Width of the students.search_key column. */
export const SEARCH_KEY_LENGTH = 500;

/**
 * What a search matches anywhere inside: "first last", "last first" (registers often write the surname
 * first) and the admission number, normalised and separated by " | ". A query is normalised the same way
 * and matched as a substring, so any word prefix or part of a first name, last name, full name or
 * admission number finds the student.
 */
export function searchKeyOf(first: string, last: string, admissionNo: string): string {
  const full = normaliseSearchText(`${first} ${last}`);
  const reversed = normaliseSearchText(`${last} ${first}`);
  return `${full} | ${reversed} | ${normaliseSearchText(admissionNo)}`.slice(0, SEARCH_KEY_LENGTH);
}

/**
 * A LIKE pattern matching `text` anywhere, its own %, _ and ! taken literally (ESCAPE '!', the same on
 * SQLite and MariaDB, where a backslash escape would need dialect-specific quoting).
 */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern matching values that start with `text`, wildcards in it taken literally (ESCAPE '!'). */
export function likeStartsWith(text: string): string {
  return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
