// Why: every page's <h1>. Sets a generic document title (never record content: titles end up in history
// and window lists) and moves focus to the heading after in-app navigation so screen readers announce it.
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

interface Props {
  /** Goes into document.title: use a screen name, never a reference, place or narrative. */
  pageName: string;
  children: ReactNode;
}

export function PageHeading({ pageName, children }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.pageTitle', { page: pageName });
  }, [t, pageName]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, []);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}
