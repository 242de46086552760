import { type KubeConfig, PatchStrategy } from '@kubernetes/client-node';
import { applyWaves, fieldManager, type KubeObject, type ObjectRef, SlipwayError } from '@slipway/core';
import { fromKubeError, isNotFound, isUnreachable } from './api-errors.ts';
import { RawObjectApi } from './raw-object-api.ts';

export interface ApplyOptions {
  /** Validate everything with the API server (admission included) without persisting. */
  dryRun?: boolean;
  /** How many requests of one wave run at once. */
  concurrency?: number;
}

/**
 * Server-side apply of a set of objects with field manager `slipway`, wave by wave (what
 * others depend on first; see applyWaves), each wave in parallel. Slipway owns the fields it
 * sets (force), so a hand edit of them is reverted and shows as drift, while fields set by
 * others (an HPA's replicas, a mutating webhook) are left to them.
 */
export class ObjectApplier {
  readonly #api: RawObjectApi;
  /** Namespaces known to exist; deleting one Slipway deploys to is not a thing it expects. */
  readonly #namespaces = new Set<string>();

  constructor(kc: KubeConfig) {
    this.#api = RawObjectApi.forConfig(kc);
  }

  /** Applies all objects; the first refusal stops it with the API server's own message. */
  async apply(objects: readonly KubeObject[], options: ApplyOptions = {}): Promise<KubeObject[]> {
    const applied: KubeObject[] = [];
    for (const wave of applyWaves(objects)) {
      applied.push(...(await mapLimited(wave, options.concurrency ?? 16, (o) => this.#applyOne(o, options.dryRun))));
    }
    return applied;
  }

  /**
   * Validates every object with the API server before any is persisted, so a release the
   * cluster would refuse leaves nothing half-applied. Namespaces that do not exist yet are
   * created for real first: a namespaced dry run needs its namespace.
   */
  async validate(objects: readonly KubeObject[]): Promise<void> {
    await this.#ensureNamespaces(objects);
    const refusals: SlipwayError[] = [];
    await mapLimited(objects, 16, async (o) => {
      try {
        await this.#applyOne(o, true);
      } catch (error) {
        // A cluster that did not answer refused nothing: that is said as it is, not as a refusal.
        if (error instanceof SlipwayError && !isUnreachable(error)) refusals.push(error);
        else throw error;
      }
    });
    const first = refusals[0];
    if (first && refusals.length === 1) throw first;
    if (first) {
      throw new SlipwayError(
        'invalid_input',
        `Kubernetes refused ${refusals.length} objects: ${refusals.map((r) => r.message).join('; ')}`,
        {
          fields: refusals.flatMap((r) => r.fields ?? []),
        },
      );
    }
  }

  /** Deletes objects, ignoring those already gone; owned objects go with them (background). */
  async delete(refs: readonly ObjectRef[]): Promise<void> {
    for (const ref of refs) {
      try {
        await this.#api.delete(specOf(ref), undefined, undefined, undefined, undefined, 'Background');
      } catch (error) {
        if (!isNotFound(error)) throw fromKubeError(error, describe(ref));
      }
    }
  }

  /** The live object, or undefined when it does not exist. */
  async read(ref: ObjectRef): Promise<KubeObject | undefined> {
    try {
      return (await this.#api.read(specOf(ref))) as unknown as KubeObject;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw fromKubeError(error, describe(ref));
    }
  }

  /** The live objects of a kind in a namespace, optionally filtered by labels. */
  async list(apiVersion: string, kind: string, namespace: string, labelSelector?: string): Promise<KubeObject[]> {
    try {
      const list = await this.#api.list(
        apiVersion,
        kind,
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        labelSelector,
      );
      return (list.items as unknown as KubeObject[]).map((o) => ({ ...o, apiVersion, kind }));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw fromKubeError(error, `${kind} in ${namespace}`);
    }
  }

  /**
   * Applies partial objects under another field manager (pausing uses its own, so the fields
   * it sets are told apart from the release's, and the next deploy takes them back).
   */
  async applyAs(manager: string, objects: readonly KubeObject[]): Promise<void> {
    await mapLimited(objects, 16, (o) => this.#applyOne(o, false, manager));
  }

  /** Forgets that a namespace exists (it was deleted), so the next validate creates it again. */
  forgetNamespace(name: string): void {
    this.#namespaces.delete(name);
  }

  async #applyOne(object: KubeObject, dryRun = false, manager = fieldManager): Promise<KubeObject> {
    try {
      const result = await this.#api.patch(
        object as never,
        undefined,
        dryRun ? 'All' : undefined,
        manager,
        true,
        PatchStrategy.ServerSideApply,
      );
      return result as unknown as KubeObject;
    } catch (error) {
      throw fromKubeError(error, describe({ kind: object.kind, name: object.metadata.name }));
    }
  }

  async #ensureNamespaces(objects: readonly KubeObject[]): Promise<void> {
    const names = new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => !!n));
    for (const o of objects) if (o.kind === 'Namespace') names.delete(o.metadata.name);
    for (const name of names) {
      if (this.#namespaces.has(name)) continue;
      const ref = { apiVersion: 'v1', kind: 'Namespace', name };
      if (!(await this.read(ref))) await this.#applyOne({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      this.#namespaces.add(name);
    }
  }
}

function specOf(ref: ObjectRef) {
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } };
}

function describe(ref: Pick<ObjectRef, 'kind' | 'name'>): string {
  return `${ref.kind} ${ref.name}`;
}

/** Runs `fn` over items with at most `limit` in flight, preserving order of results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
