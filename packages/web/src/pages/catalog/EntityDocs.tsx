import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { SlipwayError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EmptyState, Loading, TimeAgo } from '../../components/Page';
import { type DocsPageList, getDocsPage, listDocs } from './catalog-api';
import { portalDocsHtml } from './docs-html';
import { type EntityName, entityPath } from './refs';

/** The page a docs tab opens on: the docs' home page, else the first. */
function homePage(pages: DocsPageList['items']): string | undefined {
  const paths = pages.map((p) => p.path);
  return paths.find((p) => p === 'index.md') ?? paths.find((p) => /^readme\.md$/i.test(p)) ?? paths[0];
}

/** Home first, then by path, as a reader walks through them. */
function ordered(pages: DocsPageList['items']): DocsPageList['items'] {
  const home = homePage(pages);
  return [...pages].sort((a, b) => (a.path === home ? -1 : b.path === home ? 1 : a.path.localeCompare(b.path)));
}

/** The entity's Markdown docs, rendered by the server, with the list of its pages beside. */
export function EntityDocs({ name, page }: { name: EntityName; page: string }) {
  const list = useQuery({ queryKey: ['catalog', 'docs', name], queryFn: () => listDocs(name), retry: false });
  if (list.isPending) return <Loading what="the docs" />;
  if (list.error) {
    if (list.error instanceof SlipwayError && list.error.status === 404) {
      return (
        <EmptyState title="No docs for this entity">
          {list.error.hint ??
            'Put Markdown files in a docs/ folder next to its catalog-info.yaml (or name the folder with the backstage.io/techdocs-ref: dir:… annotation).'}
        </EmptyState>
      );
    }
    return <ErrorNotice error={list.error} title="The docs could not be read" />;
  }
  const pages = ordered(list.data.items);
  const current = page || homePage(pages);
  if (!current) {
    return <EmptyState title="No docs pages yet">Its docs folder holds no Markdown files.</EmptyState>;
  }
  return (
    <div className="docs-layout">
      <nav aria-label="Docs pages" className="docs-nav">
        <ul>
          {pages.map((p) => {
            const depth = p.path.split('/').length - 1;
            return (
              <li key={p.path} style={{ paddingLeft: `${depth * 12}px` }}>
                <Link
                  to={entityPath(name, `docs/${p.path}`)}
                  aria-current={p.path === current ? 'page' : undefined}
                  title={p.path}
                >
                  {p.title}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <DocsArticle name={name} path={current} />
    </div>
  );
}

function DocsArticle({ name, path }: { name: EntityName; path: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const ref = useRef<HTMLElement>(null);
  const page = useQuery({
    queryKey: ['catalog', 'docs', name, path],
    queryFn: () => getDocsPage(name, path),
    retry: false,
  });
  const html = useMemo(() => (page.data ? portalDocsHtml(page.data.html) : ''), [page.data]);

  // Land on the heading the address names, or at the top of a newly opened page.
  useEffect(() => {
    if (!html) return;
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) target.scrollIntoView();
    else if (ref.current && ref.current.getBoundingClientRect().top < 0) ref.current.scrollIntoView();
  }, [html, location.hash]);

  // Links to other pages open inside the portal without reloading it. The listener sits on
  // the container (the links are the server's HTML, not React elements).
  const content = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return;
      const onClick = (e: MouseEvent) => {
        const a = (e.target as Element).closest('a');
        if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        const href = a.getAttribute('href') ?? '';
        if (href.startsWith('/catalog/')) {
          e.preventDefault();
          navigate(href);
        }
      };
      element.addEventListener('click', onClick);
      return () => element.removeEventListener('click', onClick);
    },
    [navigate],
  );

  if (page.isPending) return <Loading what="the page" />;
  if (page.error) {
    return (
      <div>
        <ErrorNotice error={page.error} title={`The page ${path} could not be read`} />
        <Link to={entityPath(name, 'docs')}>Open the docs' first page</Link>
      </div>
    );
  }
  return (
    <article ref={ref} className="docs-article" aria-label={page.data.title}>
      <p className="muted docs-meta">
        <span className="mono">{page.data.path}</span> · updated <TimeAgo at={page.data.updatedAt} />
      </p>
      <div
        ref={content}
        className="docs"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised it (no scripts, styles, handlers or frames)
        dangerouslySetInnerHTML={{ __html: html }}
        data-testid="docs-content"
      />
    </article>
  );
}
