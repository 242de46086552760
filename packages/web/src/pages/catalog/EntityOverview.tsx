import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { type EntityDetail, getLocation, type Relation } from './catalog-api';
import { EntityDeployments } from './EntityDeployments';
import { EntityProblems } from './EntityProblems';
import { EntitySource } from './EntitySource';
import { type EntityFields, entityFields, specText } from './entity-fields';
import { entityPath, kindLabel, parseRef, shortRef } from './refs';

/** Annotations the overview shows elsewhere (the source card, the docs tab), not in the list. */
const shownElsewhere = new Set(['backstage.io/source-location', 'backstage.io/view-url', 'backstage.io/edit-url']);

/** What the entity is, who owns it, where it comes from and where it runs; problems first. */
export function EntityOverview({ detail }: { detail: EntityDetail }) {
  const fields = entityFields(detail.entity);
  const location = useQuery({
    queryKey: ['catalog', 'location', detail.locationId],
    queryFn: () => getLocation(detail.locationId),
  });
  // Problems of the last read that concern this entity (a conflict with another location).
  const readProblems = (location.data?.errors ?? []).filter((e) => e.entityRef === detail.ref);
  return (
    <div className="stack">
      <EntityProblems detail={detail} />
      {readProblems.length > 0 && (
        <section className="notice warn" aria-labelledby="entity-read-problems">
          <h2 id="entity-read-problems">The last read of its location reported</h2>
          <ul>
            {readProblems.map((p) => (
              <li key={`${p.kind}:${p.sourcePath}:${p.message}`}>
                {p.message}{' '}
                <span className="muted">
                  ({p.kind}, {p.sourcePath})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="entity-grid">
        <About detail={detail} fields={fields} />
        <EntitySource detail={detail} fields={fields} location={location.data} locationError={location.error} />
        {detail.deployments && <EntityDeployments deployments={detail.deployments} />}
        {fields.links.length > 0 && <Links fields={fields} />}
        <Annotations fields={fields} />
      </div>
    </div>
  );
}

function About({ detail, fields }: { detail: EntityDetail; fields: EntityFields }) {
  const type = specText(fields, 'type');
  const lifecycle = specText(fields, 'lifecycle');
  const owner = related(detail, 'ownedBy') ?? fromSpec(specText(fields, 'owner'), 'group');
  const system = related(detail, 'partOf', 'system') ?? fromSpec(specText(fields, 'system'), 'system');
  const domain = related(detail, 'partOf', 'domain') ?? fromSpec(specText(fields, 'domain'), 'domain');
  return (
    <section className="card entity-card" aria-labelledby="entity-about-title">
      <h2 id="entity-about-title">About</h2>
      <p className={fields.description ? 'entity-description' : 'muted'}>
        {fields.description || 'No description: add metadata.description to its catalog file.'}
      </p>
      <dl className="entity-facts">
        <dt>Kind</dt>
        <dd>{kindLabel(fields.kind)}</dd>
        {type && (
          <>
            <dt>Type</dt>
            <dd>{type}</dd>
          </>
        )}
        {lifecycle && (
          <>
            <dt>Lifecycle</dt>
            <dd>{lifecycle}</dd>
          </>
        )}
        <dt>Owner</dt>
        <dd data-testid="entity-owner">
          {owner ? <RelatedLink relation={owner} usualKind="group" /> : <span className="muted">none given</span>}
        </dd>
        {system && (
          <>
            <dt>System</dt>
            <dd>
              <RelatedLink relation={system} usualKind="system" />
            </dd>
          </>
        )}
        {domain && (
          <>
            <dt>Domain</dt>
            <dd>
              <RelatedLink relation={domain} usualKind="domain" />
            </dd>
          </>
        )}
        <dt>Namespace</dt>
        <dd>{fields.namespace}</dd>
        {fields.tags.length > 0 && (
          <>
            <dt>Tags</dt>
            <dd>
              <ul className="tag-list">
                {fields.tags.map((t) => (
                  <li key={t}>
                    <Link className="tag" to={`/catalog?tag=${encodeURIComponent(t)}`}>
                      {t}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** The first relation of a type (and kind), with the related entity's title when the catalog has it. */
function related(detail: EntityDetail, type: string, kind?: string): Relation | undefined {
  return detail.relations.find(
    (r) => r.type === type && (!kind || parseRef(r.targetRef).kind === kind || r.kind?.toLowerCase() === kind),
  );
}

/** A spec field naming another entity, when ingestion derived no relation from it (a broken entity). */
function fromSpec(value: string, kind: string): Relation | undefined {
  if (!value) return undefined;
  const e = parseRef(value, kind);
  return { type: '', targetRef: `${e.kind}:${e.namespace}/${e.name}`, kind: null, title: null };
}

export function RelatedLink({ relation, usualKind }: { relation: Relation; usualKind?: string }) {
  const label = relation.title ?? shortRef(relation.targetRef, usualKind);
  if (relation.kind === null) {
    return (
      <span>
        <span className="mono">{shortRef(relation.targetRef, usualKind)}</span>{' '}
        <span className="muted">(not in the catalog)</span>
      </span>
    );
  }
  return (
    <Link to={entityPath(relation.targetRef)} title={relation.targetRef}>
      {label}
    </Link>
  );
}

function Links({ fields }: { fields: EntityFields }) {
  return (
    <section className="card entity-card" aria-labelledby="entity-links-title">
      <h2 id="entity-links-title">Links</h2>
      <ul className="entity-links">
        {fields.links.map((l) => (
          <li key={l.url}>
            <a href={l.url} rel="noopener noreferrer">
              {l.title}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Annotations({ fields }: { fields: EntityFields }) {
  const annotations = Object.entries(fields.annotations).filter(([k]) => !shownElsewhere.has(k));
  const labels = Object.entries(fields.labels);
  if (annotations.length === 0 && labels.length === 0) return null;
  return (
    <section className="card entity-card" aria-labelledby="entity-annotations-title">
      <h2 id="entity-annotations-title">Annotations and labels</h2>
      <dl className="entity-facts entity-annotations">
        {[
          ...annotations.map(([k, v]) => ({ key: `annotation:${k}`, k, v })),
          ...labels.map(([k, v]) => ({ key: `label:${k}`, k, v })),
        ].map(({ key, k, v }) => (
          <div key={key} className="entity-annotation">
            <dt className="mono">{k}</dt>
            <dd className="mono entity-break">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
