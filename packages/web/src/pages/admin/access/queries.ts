/**
 * The query keys of the Access section, in a file of their own: the panels read and invalidate
 * them, and the section renders the panels, so keeping the keys in the section would make the
 * files import each other (see pages/service/queries.ts).
 */
export const accessKeys = {
  teams: ['admin', 'teams'] as const,
  users: ['admin', 'users'] as const,
  bindings: ['admin', 'role-bindings'] as const,
  team: (name: string) => ['admin', 'teams', name] as const,
};
