/**
 * Prepares a docs page's HTML (already sanitised by the server) for the portal:
 * - links to other pages point at the API (`/api/v1/catalog/entities/…/docs/page.md`);
 *   they are rewritten to the portal's own address of that page, so they open in the portal
 *   and show the right address on hover;
 * - headings get ids (GitHub's style: `## Restarting` → `#restarting`), so the `#anchors`
 *   of links between pages land on their heading. The ids are prefixed, so a heading can
 *   never take the id of an element of the portal itself.
 * - headings move one level down (# → h2): the entity's name is the page's one h1.
 */
import { entityPath } from './refs';

const apiDocs = /^\/api\/v1\/catalog\/entities\/([^/]+)\/([^/]+)\/([^/]+)\/docs\/([^#?]+)(#.*)?$/;
export const anchorPrefix = 'doc-';

export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s+/g, '-');
}

export function portalDocsHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  const root = doc.body.firstElementChild;
  if (!root) return '';
  const seen = new Map<string, number>();
  for (const old of root.querySelectorAll('h1, h2, h3, h4, h5')) {
    const heading = doc.createElement(`h${Number(old.tagName.slice(1)) + 1}`);
    heading.append(...old.childNodes);
    old.replaceWith(heading);
  }
  for (const heading of root.querySelectorAll('h2, h3, h4, h5, h6')) {
    const base = slugify(heading.textContent ?? '');
    if (!base) continue;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    heading.id = `${anchorPrefix}${n === 0 ? base : `${base}-${n}`}`;
  }
  for (const a of root.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    const page = apiDocs.exec(href);
    if (page) {
      const [, kind = '', namespace = '', name = '', path = '', hash = ''] = page;
      const to = entityPath(
        { kind: decodeURIComponent(kind), namespace: decodeURIComponent(namespace), name: decodeURIComponent(name) },
        `docs/${path}`,
      );
      a.setAttribute('href', `${to}${hash ? `#${anchorPrefix}${hash.slice(1)}` : ''}`);
    } else if (href.startsWith('#')) {
      a.setAttribute('href', `#${anchorPrefix}${href.slice(1)}`);
    }
  }
  return root.innerHTML;
}
