import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Tells in-process listeners that a query wrote to one of their tables, as the query is sent
 * and again once it answered: a cache of what those tables hold (auth/auth-cache.ts) drops its
 * entries, so this process never serves what it just changed. Only statements built with Kysely
 * are seen (raw SQL is not); other processes hear of writes through the database's own
 * notifications (migration 0025's triggers).
 */
export interface TableWatch {
  tables: readonly string[];
  /** Columns whose updates do not count (bookkeeping such as a token's last use). */
  ignoredColumns?: readonly string[];
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
    const written = writtenTable(args.node);
    if (!written) return args.node;
    const hit = [...this.#watches].filter((w) => w.tables.includes(written.table) && counts(written.columns, w));
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

/** An update that only sets ignored columns does not count; inserts and deletes always do. */
function counts(columns: readonly string[] | null, watch: TableWatch): boolean {
  if (!columns || !watch.ignoredColumns) return true;
  return columns.some((c) => !watch.ignoredColumns?.includes(c));
}

interface Written {
  table: string;
  /** The columns an update sets; null for inserts and deletes. */
  columns: string[] | null;
}

function writtenTable(node: RootOperationNode): Written | null {
  switch (node.kind) {
    case 'InsertQueryNode':
      return named(node.into, null);
    case 'UpdateQueryNode':
      return named(
        node.table,
        (node.updates ?? []).map((u) => identifierOf(u.column) ?? ''),
      );
    case 'DeleteQueryNode':
      return named(node.from.froms[0], null);
    default:
      return null;
  }
}

function named(table: OperationNode | undefined, columns: string[] | null): Written | null {
  const name = identifierOf(table);
  return name ? { table: name, columns } : null;
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
