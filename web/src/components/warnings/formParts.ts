// Why: what the early-warning forms' fields need of their form (components/formIssues.tsx): a control's id,
// its aria attributes and the message under it, all by the path the API names.
import type { useFormIssues } from '../formIssues.tsx';

export type FormParts = Pick<ReturnType<typeof useFormIssues>, 'id' | 'props' | 'message'>;
