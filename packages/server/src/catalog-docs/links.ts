import { posix } from 'node:path';

const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Where a link of a docs page should go. A relative link to another page of the same docs
 * (`setup.md`, `../guides/`, with or without `#anchor`) becomes that page's API path under
 * `pagesBase`; a folder link finds its index.md or README.md. Anything else is left as written,
 * for the sanitiser to judge.
 */
export function rewriteDocsLink(href: string, fromPage: string, pages: ReadonlySet<string>, pagesBase: string): string {
  if (href === '' || href.startsWith('#') || href.startsWith('/') || scheme.test(href)) return href;
  const hashAt = href.indexOf('#');
  const target = hashAt < 0 ? href : href.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : href.slice(hashAt);
  const page = resolvePage(safeDecode(target.split('?')[0] ?? ''), fromPage, pages);
  return page === null ? href : `${pagesBase}/${page.split('/').map(encodeURIComponent).join('/')}${fragment}`;
}

function resolvePage(target: string, fromPage: string, pages: ReadonlySet<string>): string | null {
  const joined = posix.normalize(posix.join(posix.dirname(fromPage), target));
  if (joined.startsWith('../') || joined === '..') return null;
  const candidates =
    target.endsWith('/') || !joined.includes('.')
      ? [posix.join(joined, 'index.md'), posix.join(joined, 'README.md')]
      : [joined];
  return candidates.find((c) => pages.has(c)) ?? null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
