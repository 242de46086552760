import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { type DocsHit, searchDocs } from './catalog-api';
import { entityPath, shortRef } from './refs';

/** Only words are searchable: a search of punctuation alone is not sent (the API refuses it). */
const searchable = /[\p{L}\p{N}]/u;

/** Pages of docs that match the catalog search, shown under the entities. */
export function DocsHits({ q }: { q: string }) {
  const text = q.trim();
  const hits = useQuery({
    queryKey: ['catalog', 'docs-search', text],
    queryFn: () => searchDocs(text),
    enabled: searchable.test(text),
  });
  if (!searchable.test(text)) return null;
  return (
    <section aria-labelledby="docs-hits-title" className="docs-hits">
      <h2 id="docs-hits-title">In the docs</h2>
      {hits.error ? <ErrorNotice error={hits.error} title="The docs could not be searched" /> : null}
      {hits.data && hits.data.items.length === 0 && <p className="muted">No docs page mentions “{text}”.</p>}
      {hits.data && hits.data.items.length > 0 && (
        <ul className="docs-hit-list">
          {hits.data.items.map((hit) => (
            <DocsHitItem key={`${hit.entityRef}/${hit.path}`} hit={hit} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DocsHitItem({ hit }: { hit: DocsHit }) {
  return (
    <li>
      <Link to={entityPath(hit.entityRef, `docs/${hit.path}`)}>{hit.title}</Link>{' '}
      <span className="muted">
        in {shortRef(hit.entityRef, 'component')} · <span className="mono">{hit.path}</span>
      </span>
      <p className="docs-hit-snippet">
        <Snippet text={hit.snippet} />
      </p>
    </li>
  );
}

/**
 * The API's snippet is HTML-escaped text with the matched words between « and ». It is
 * turned back into text and the matches into <mark>, never parsed as HTML.
 */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/«|»/);
  return (
    <>
      {parts.map((part, i) =>
        // Odd parts sat between « and ».
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order, never reordered
          <mark key={i}>{decodeEntities(part)}</mark>
        ) : (
          decodeEntities(part)
        ),
      )}
    </>
  );
}

const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}
