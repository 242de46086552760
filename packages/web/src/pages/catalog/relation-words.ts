/**
 * Backstage's relation types, read from the entity the page shows: `ownedBy` means "this
 * entity is owned by the other one". Each has an inverse, which the graph uses so that every
 * arrow reads "source relation target" and the things around this entity fall into two sides:
 * those that own, contain or use it (left), those it owns, contains or uses (right).
 */

const inverses: Record<string, string> = {
  ownedBy: 'ownerOf',
  partOf: 'hasPart',
  childOf: 'parentOf',
  memberOf: 'hasMember',
  dependencyOf: 'dependsOn',
  apiProvidedBy: 'providesApi',
  apiConsumedBy: 'consumesApi',
};

/** Relation types whose other entity stands before this one (drawn on the left, arrow towards this). */
export function pointsHere(type: string): boolean {
  return type in inverses;
}

/** The relation from the other entity's side: `ownedBy` → `ownerOf`. */
export function inverseOf(type: string): string {
  return inverses[type] ?? type;
}

const words: Record<string, string> = {
  ownedBy: 'Owned by',
  ownerOf: 'Owner of',
  partOf: 'Part of',
  hasPart: 'Has part',
  childOf: 'Child of',
  parentOf: 'Parent of',
  memberOf: 'Member of',
  hasMember: 'Has member',
  dependsOn: 'Depends on',
  dependencyOf: 'Dependency of',
  providesApi: 'Provides API',
  apiProvidedBy: 'API provided by',
  consumesApi: 'Consumes API',
  apiConsumedBy: 'API consumed by',
};

/** `dependsOn` → "Depends on"; unknown types are split at their capitals. */
export function relationWords(type: string): string {
  const known = words[type];
  if (known) return known;
  const spaced = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** An order for the list: what an entity belongs to first, then what belongs to it. */
const order = [
  'ownedBy',
  'partOf',
  'childOf',
  'memberOf',
  'providesApi',
  'consumesApi',
  'dependsOn',
  'apiProvidedBy',
  'apiConsumedBy',
  'dependencyOf',
  'hasPart',
  'parentOf',
  'hasMember',
  'ownerOf',
];

export function relationRank(type: string): number {
  const at = order.indexOf(type);
  return at < 0 ? order.length : at;
}
