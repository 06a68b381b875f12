/**
 * Administrative areas as an import reads them, through the places matcher (src/places/match.ts): a code of
 * the area list, or an area's name in any of its languages - without accents, case, punctuation or words
 * such as "Province", "State", "Oblast", "محافظة" - within the row's country and level (and, for admin 2,
 * among the children of the row's admin 1 when known). A name two areas could bear is never guessed.
 */
import type { Db } from '../platform/db/database.ts';
import { ensureBuiltInAreas, loadAreaMatcher } from '../places/places.ts';
import type { AreaLookup } from './cells.ts';

export async function loadAreaLookup(db: Db): Promise<AreaLookup> {
  await ensureBuiltInAreas(db); // a server started before the boundary files were loaded still resolves them
  const matcher = await loadAreaMatcher(db);
  // A file names its few areas on every row: each distinct name is matched once per import.
  const answers = new Map<string, ReturnType<AreaLookup['resolve']>>();
  const resolve: AreaLookup['resolve'] = (country, level, value, parent) => {
    const found = matcher.match(country, level, value, parent);
    // Among the parent's children first; a district filed under another region still resolves by itself.
    const answer = found === null && parent ? matcher.match(country, level, value) : found;
    if (answer === null) return null;
    return 'code' in answer ? { code: answer.code } : { ambiguous: [...answer.ambiguous] };
  };
  return {
    resolve(country, level, value, parent) {
      const key = [country, level, parent ?? '', value].join('\u0000');
      if (!answers.has(key)) answers.set(key, resolve(country, level, value, parent));
      return answers.get(key)!;
    },
  };
}
