/**
 * The query key of the cluster list, which the section reads and its dialogs invalidate: here,
 * not in the section, so the dialogs need not import the section that renders them.
 */
export const clustersKey = ['admin', 'clusters'] as const;
