/**
 * What reading a catalog location gives: its entities, ready to be stored, and the problems
 * that belong to the location rather than to one entity. The server's catalog produces them
 * and its stores write them; they are plain data, so they live here, where both can import
 * them without the stores importing the catalog.
 */
import type { EntityColumns } from './columns.ts';
import type { DeclaredRelation } from './relations.ts';
import type { CatalogEntity, EntityIssue } from './types.ts';

/** An entity read from a location, ready to be stored. */
export interface Candidate {
  ref: string;
  sourcePath: string;
  entity: CatalogEntity;
  hash: string;
  columns: EntityColumns;
  /** Validation problems, shown on the entity. */
  issues: EntityIssue[];
  relations: DeclaredRelation[];
}

/** A problem that belongs to the location, not to one stored entity. */
export interface LocationProblem {
  sourcePath: string;
  entityRef?: string;
  kind: 'yaml' | 'invalid' | 'conflict' | 'fetch';
  message: string;
}
