/**
 * The query key of the caller's token list, which the section reads and the create form
 * invalidates: here, not in the section, so the form need not import the section that renders it.
 */
export const tokensKey = ['admin', 'tokens'] as const;
