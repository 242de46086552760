/**
 * Where templates come from: Slipway's own golden paths (the repository's `templates/`
 * folder, always there) and Template entities in the catalog. A template remembers where its
 * file lives, because `fetch:*` URLs such as `./skeleton` are relative to it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CatalogEntity,
  orderedPropertyNames,
  parseScaffolderTemplate,
  SlipwayError,
  type TemplateDefinition,
} from '@slipway/core';
import type { Kysely } from 'kysely';
import { parse } from 'yaml';
import type { Schema } from '../db/schema.ts';
import { catalogTemplateEntities } from '../db/stores/catalog-entities.ts';

/** Built-in templates live in this namespace, so catalog ones never shadow them by accident. */
export const builtinNamespace = 'slipway';

export type TemplateOrigin =
  | { kind: 'builtin'; dir: string }
  | { kind: 'catalog'; target: string; ref: string; sourcePath: string; type: 'git' | 'url' };

/** One page of the template's form, as written: the definition merges them into one schema. */
export interface ParameterPage {
  title: string;
  description?: string;
  /** The names of the parameters it asks for, in order. */
  properties: string[];
}

export interface SourcedTemplate {
  ref: string;
  definition: TemplateDefinition;
  /** The form's pages, so the portal can ask for the parameters step by step. */
  pages: ParameterPage[];
  origin: TemplateOrigin;
}

export function parameterPages(entity: CatalogEntity): ParameterPage[] {
  const raw = (entity.spec as Record<string, unknown> | undefined)?.parameters;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((value, i) => {
    const page = (value ?? {}) as Record<string, unknown>;
    const properties = orderedPropertyNames(page);
    return {
      title: typeof page.title === 'string' ? page.title : `Step ${i + 1}`,
      ...(typeof page.description === 'string' ? { description: page.description } : {}),
      properties,
    };
  });
}

export const defaultTemplatesDir = fileURLToPath(new URL('../../../../templates', import.meta.url));

export async function loadBuiltinTemplates(dir: string): Promise<SourcedTemplate[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: SourcedTemplate[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = join(dir, entry.name, 'template.yaml');
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    const entity = parse(text) as CatalogEntity;
    entity.metadata.namespace = builtinNamespace;
    const definition = parseScaffolderTemplate(entity);
    found.push({
      ref: templateRef(definition),
      definition,
      pages: parameterPages(entity),
      origin: { kind: 'builtin', dir: dirname(file) },
    });
  }
  return found;
}

export function templateRef(t: { namespace: string; name: string }): string {
  return `template:${t.namespace}/${t.name}`.toLowerCase();
}

/** Template entities the catalog holds; one that does not parse is left out (the catalog shows its errors). */
export async function loadCatalogTemplates(db: Kysely<Schema>): Promise<SourcedTemplate[]> {
  const found: SourcedTemplate[] = [];
  for (const row of await catalogTemplateEntities(db)) {
    try {
      const entity = row.entity as unknown as CatalogEntity;
      const definition = parseScaffolderTemplate(entity);
      found.push({
        ref: templateRef(definition),
        definition,
        pages: parameterPages(entity),
        origin: { kind: 'catalog', ...row.location, sourcePath: row.sourcePath },
      });
    } catch {
      // Not runnable; the catalog reports the entity's problems.
    }
  }
  return found;
}

export class TemplateSource {
  #builtins: Promise<SourcedTemplate[]> | undefined;
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dir: string,
  ) {}

  async list(): Promise<SourcedTemplate[]> {
    this.#builtins ??= loadBuiltinTemplates(this.dir);
    return [...(await this.#builtins), ...(await loadCatalogTemplates(this.db))];
  }

  /** A template by namespace and name; a name alone matches the built-in first. */
  async get(namespace: string, name: string): Promise<SourcedTemplate> {
    const ref = templateRef({ namespace, name });
    const found = (await this.list()).find((t) => t.ref === ref);
    if (!found) throw new SlipwayError('not_found', `Template ${namespace}/${name} does not exist`);
    return found;
  }
}
