// Why: one way to wait until typing pauses before asking the server (type-aheads, value searches).
import { useEffect, useState } from 'react';

/** The value once it has stayed the same for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
