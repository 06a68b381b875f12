/**
 * The keys the area matcher compares, from the strictest to the loosest. Pure string functions.
 *
 * - `words`: the text as a typist would write it without the keyboard's hard parts: accents and other
 *   marks gone (NFD, then every combining mark dropped: "Kasaï" -> "kasai", "Abū Z̧aby" -> "abu zaby"),
 *   transliteration apostrophes and hamza/ayn marks dropped inside words ("‘Ajmān", "Ra’s" -> "ras"),
 *   lower case, every other punctuation a word break, and Arabic letters with several common spellings
 *   written one way (alef with hamza or madda -> alef, teh marbuta -> heh, alef maksura -> yeh).
 * - `stripGeneric`: the words without a generic administrative term at the start or the end ("Province du
 *   Nord-Kivu", "Borno State", "Kharkivska oblast", "محافظة نينوى", "Murcia, Región de").
 * - `adjectiveStems`: the noun a Slavic adjectival name comes from ("kharkivska" -> "kharkiv", "kharkivsk"),
 *   because English writes "Kharkiv Oblast" where ISO writes "Kharkivska oblast".
 * - `looseKey`: what stays the same across the usual transliterations of Arabic names: articles dropped
 *   ("Al-Anbar", "Salah ad Din"), a word-final h after a vowel dropped ("Basrah"), doubled letters single
 *   ("Qadissiya"), and every run of vowels one vowel ("Ninewa" = "Ninawa", "Kerbala" = "Karbala", "Duhok" = "Dihok").
 */

/** Latin letters NFD does not decompose, as typists write them. */
const LETTERS: Readonly<Record<string, string>> = {
  ı: 'i', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ə: 'e', ħ: 'h', ŧ: 't',
  // Arabic (and the Persian forms of kaf and yeh) written one way.
  'ة': 'ه', 'ى': 'ي', 'ی': 'ي', 'ک': 'ك', 'ـ': '',
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');
const MARKS = /\p{M}/gu;
/** French elision ("d'Ajdabiya", "l’Ituri") separates two words; any other apostrophe is part of a word ("Ra’s"). */
const ELISION = /(^|[^\p{L}])([dl]|qu)['’‘`´ʼ]/gu;
/** Apostrophes and the modifier letters used for hamza and ayn in transliterations. */
const APOSTROPHES = /['’‘`´ʻʼʽʾʿ′]/gu;
const BREAKS = /[^\p{L}\p{N}]+/u;

export function words(text: string): string[] {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase()
    .replace(SPECIAL, (c) => LETTERS[c] ?? c)
    .replace(ELISION, '$1$2 ')
    .replace(APOSTROPHES, '')
    .split(BREAKS)
    .filter((w) => w.length > 0);
}

/** Generic administrative terms in English, French, Spanish/Portuguese, transliterations, and Arabic (as `words` writes them). */
const GENERIC = new Set([
  'province', 'provincia', 'state', 'region', 'regiao', 'prefecture', 'governorate', 'gouvernorat', 'district', 'distrito',
  'county', 'department', 'departement', 'departamento', 'municipality', 'municipalite', 'municipio', 'division', 'territory',
  'territoire', 'city', 'ville', 'etat', 'estado', 'commune', 'cercle', 'comunidad', 'principado',
  'oblast', 'oblasti', 'voblast', 'voblasts', 'oblys', 'oblysy', 'krai', 'kray', 'wilaya', 'wilayah', 'wilayat', 'vilayet',
  'muhafazah', 'muhafazat', 'muhafaza', 'iqlim', 'shabiyah',
  'محافظه', 'ولايه', 'منطقه', 'اقليم', 'مقاطعه', 'شعبيه', 'قضاء', 'مديريه', 'ناحيه', 'لواء', 'امانه',
]);
/** Small words that join a generic term to the name ("Province du ...", "Governorate of ...", "Murcia, Región de"). */
const CONNECTIVE = new Set(['of', 'the', 'du', 'de', 'des', 'la', 'le', 'l', 'd', 'del', 'do', 'da', 'dos', 'das', 'di']);

/** Where the name proper starts and ends once generic terms go: after the leading generic terms, after their connectives, and the end. */
function bounds(w: readonly string[]): { afterGeneric: number; start: number; end: number } {
  let start = 0;
  let afterGeneric = 0;
  let end = w.length;
  while (start < end - 1 && GENERIC.has(w[start]!)) {
    afterGeneric = ++start;
    while (start < end - 1 && CONNECTIVE.has(w[start]!)) start++;
  }
  for (;;) {
    let k = end;
    while (k - 1 > start && CONNECTIVE.has(w[k - 1]!)) k--;
    if (k - 1 > start && GENERIC.has(w[k - 1]!)) end = k - 1;
    else break;
  }
  return { afterGeneric, start, end };
}

/** The words without generic terms at either end; never empty (a name that is only generic words stays as it is). */
export function stripGeneric(w: readonly string[]): string[] {
  const { start, end } = bounds(w);
  return w.slice(start, end);
}

/**
 * Every way of stripping: without generic terms and their connectives first, then keeping more and more of
 * the connectives, because "Province de La Massana" must still find "La Massana".
 */
export function strippedVariants(w: readonly string[]): string[][] {
  const { afterGeneric, start, end } = bounds(w);
  const out: string[][] = [];
  for (let s = start; s >= afterGeneric; s--) out.push(w.slice(s, end));
  return out;
}

/** Slavic adjectival endings: Ukrainian -ska, Russian/Belarusian -skaya, with their z/c spellings. */
const ADJECTIVE = /^(.{3,}?)([szc]k)(a|aya|aja)$/u;

/**
 * Other words for a name ending in an adjective: the "-sk" form and the bare noun ("kharkivska" -> "kharkivsk",
 * "kharkiv"). The caller asks only for names that had a generic term ("Kharkivska oblast"), not for Alaska.
 */
export function adjectiveStems(w: readonly string[]): string[][] {
  const last = w[w.length - 1];
  const m = last === undefined ? null : ADJECTIVE.exec(last);
  if (!m) return [];
  const head = w.slice(0, -1);
  return [[...head, m[1]! + m[2]!], [...head, m[1]!]];
}

/** Arabic articles as transliterated, standing alone before the word they belong to. */
const ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'adh', 'ath']);

function looseWord(word: string): string {
  const bare = word.length > 3 && word.startsWith('ال') ? word.slice(2) : word;
  return bare.replace(/([aeiouy])h$/u, '$1').replace(/(.)\1+/gu, '$1').replace(/[aeiouy]+/gu, 'a');
}

export function looseKey(w: readonly string[]): string {
  return w.filter((x, i) => i === w.length - 1 || !ARTICLES.has(x)).map(looseWord).join('');
}

/** Codes compared without case or punctuation ("cd-nk", "CD NK", "CD_NK"). */
export const codeKey = (text: string): string => text.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The words joined: spacing never matters ("Nord Kivu", "Nord-Kivu", "NordKivu"). */
export const joined = (w: readonly string[]): string => w.join('');
