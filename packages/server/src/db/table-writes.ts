import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RawNode,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Tells in-process listeners that a query wrote to one of their tables, as the query is sent
 * and again once it answered: a cache of what those tables hold (auth/auth-cache.ts) drops its
 * entries, so this process never serves what it just changed. Statements built with Kysely are
 * read from their tree; raw SQL by the tables it names after `insert into`, `update` and
 * `delete from` (nested fragments too), where a false alarm only empties a cache. Other
 * processes hear of writes through the database's own notifications (the triggers of
 * migrations 0025 and 0034).
 */
export interface TableWatch {
  tables: readonly string[];
  /** Columns whose updates do not count (bookkeeping such as a token's last use). */
  ignoredColumns?: readonly string[];
  /** Tables whose deletes take rows of `tables` with them (on delete cascade): only their deletes count. */
  cascadingFrom?: readonly string[];
  onWrite(): void;
}

export class TableWrites implements KyselyPlugin {
  readonly #watches = new Set<TableWatch>();
  readonly #pending = new WeakMap<object, TableWatch[]>();

  watch(watch: TableWatch): () => void {
    this.#watches.add(watch);
    return () => this.#watches.delete(watch);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.#watches.size === 0) return args.node;
    const written = writtenTables(args.node);
    if (written.length === 0) return args.node;
    const hit = [...this.#watches].filter((w) => written.some((x) => counts(x, w)));
    if (hit.length > 0) {
      this.#pending.set(args.queryId, hit);
      for (const w of hit) w.onWrite();
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const w of this.#pending.get(args.queryId) ?? []) w.onWrite();
    return args.result;
  }
}

/**
 * A write to a watched table counts, but an update that only sets ignored columns; a delete
 * from a table that cascades into one.
 */
function counts(written: Written, watch: TableWatch): boolean {
  if (written.deletes && watch.cascadingFrom?.includes(written.table)) return true;
  if (!watch.tables.includes(written.table)) return false;
  if (!written.columns || !watch.ignoredColumns) return true;
  return written.columns.some((c) => !watch.ignoredColumns?.includes(c));
}

interface Written {
  table: string;
  /** The columns an update sets; null for inserts and deletes (and raw SQL). */
  columns: string[] | null;
  deletes: boolean;
}

function writtenTables(node: RootOperationNode): Written[] {
  switch (node.kind) {
    case 'InsertQueryNode':
      return named(node.into, null, false);
    case 'UpdateQueryNode':
      return named(
        node.table,
        (node.updates ?? []).map((u) => identifierOf(u.column) ?? ''),
        false,
      );
    case 'DeleteQueryNode':
      return named(node.from.froms[0], null, true);
    case 'RawNode':
      return rawWrites(node);
    default:
      return [];
  }
}

const rawWrite = /\b(insert\s+into|update|delete\s+from)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)/gi;

/** The tables a raw statement writes, named after its keywords (`update ... set` names "set": unwatched). */
function rawWrites(node: RawNode): Written[] {
  return [...rawText(node).matchAll(rawWrite)].map((m) => ({
    table: (m[2] as string).toLowerCase(),
    columns: null,
    deletes: /^delete/i.test(m[1] as string),
  }));
}

/** A raw statement's text, nested ones and table names (`sql.table`) spelled out, other values as `?`. */
function rawText(node: RawNode): string {
  return node.sqlFragments
    .map((fragment, i) => {
      const value = node.parameters[i];
      if (!value) return fragment;
      if (value.kind === 'RawNode') return fragment + rawText(value as RawNode);
      return fragment + (identifierOf(value) ?? '?');
    })
    .join('');
}

function named(table: OperationNode | undefined, columns: string[] | null, deletes: boolean): Written[] {
  const name = identifierOf(table);
  return name ? [{ table: name, columns, deletes }] : [];
}

/** The name in a TableNode, an aliased one (`api_tokens as t`) or a ColumnNode. */
function identifierOf(node: OperationNode | undefined): string | null {
  const n = node as
    | { kind: string; node?: OperationNode; table?: { identifier: { name: string } }; column?: { name: string } }
    | undefined;
  if (!n) return null;
  if (n.kind === 'AliasNode') return identifierOf(n.node);
  if (n.kind === 'TableNode') return n.table?.identifier.name ?? null;
  if (n.kind === 'ColumnNode') return n.column?.name ?? null;
  return null;
}
