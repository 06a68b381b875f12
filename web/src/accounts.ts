// Why: the react-query key of the administrators' account list, shared by the page and its forms.
export const ACCOUNTS_KEY = ['accounts'] as const;
