// Why: the few layout choices CSS alone cannot make (a control shown or its panel folded) follow the same
// breakpoint as the style sheet, read live so turning a tablet or resizing a window switches at once.
import { useSyncExternalStore } from 'react';

/** Tablets (portrait and landscape) and phones: the navigation is a menu and the list's filters fold away. */
export const COMPACT = '(max-width: 64rem)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

export const useCompact = (): boolean => useMediaQuery(COMPACT);
