// Why: the shape shared by every irreversible or weighty action a coordinator confirms in place (delete,
// erase): an opener button that says whether its panel is open, the panel as a form with a title, the
// caller's explanation and fields, and Confirm / Cancel. One shape, so each is announced and used alike.
import type { FormEvent, ReactNode, RefObject } from 'react';

interface Props {
  id: string;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
  openerRef: RefObject<HTMLButtonElement | null>;
  openLabel: string;
  title: string;
  onSubmit: (e: FormEvent) => void;
  pending: boolean;
  confirmLabel: string;
  pendingLabel: string;
  cancelLabel: string;
  children: ReactNode;
}

export function DangerPanel(p: Props) {
  return (
    <>
      <button type="button" className="danger" ref={p.openerRef} aria-expanded={p.open} aria-controls={`${p.id}-panel`}
        onClick={() => (p.open ? p.onClose() : p.onOpen())} data-testid={`${p.id}-open`}>
        {p.openLabel}
      </button>
      <div id={`${p.id}-panel`} className="delete-panel" hidden={!p.open}>
        {p.open && (
          <form className="panel danger-zone" onSubmit={p.onSubmit} noValidate aria-labelledby={`${p.id}-title`} data-testid={`${p.id}-panel`}>
            <h2 id={`${p.id}-title`}>{p.title}</h2>
            {p.children}
            <div className="row-actions">
              <button type="submit" className="danger-solid" disabled={p.pending} data-testid={`${p.id}-confirm`}>
                {p.pending ? p.pendingLabel : p.confirmLabel}
              </button>
              <button type="button" className="secondary" onClick={p.onClose}>{p.cancelLabel}</button>
            </div>
          </form>
        )}
      </div>
    </>
  );
}

/** The record changed (or was erased) meanwhile: say so and offer to load the latest version. */
export function ReloadAlert({ message, reloadLabel, onReload }: { message: string; reloadLabel: string; onReload: () => void }) {
  return (
    <div className="alert error" role="alert">
      <p>{message}</p>
      <button type="button" className="secondary" onClick={onReload}>{reloadLabel}</button>
    </div>
  );
}
