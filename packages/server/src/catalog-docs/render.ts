import { posix } from 'node:path';
import MarkdownIt, { type Token } from 'markdown-it';
import { rewriteDocsLink } from './links.ts';
import { sanitiseDocsHtml } from './sanitise.ts';

// html: false — raw HTML in Markdown is shown as text, never rendered; the sanitiser still
// runs after, because links and images come from Markdown syntax too.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export interface RenderedPage {
  title: string;
  html: string;
  text: string;
}

export interface PageContext {
  /** The page's path inside the docs folder, e.g. guides/setup.md. */
  path: string;
  /** Every page of the same docs, for links between them. */
  pages: ReadonlySet<string>;
  /** The API path pages are served under, e.g. /api/v1/catalog/entities/component/default/web/docs. */
  pagesBase: string;
}

/** A Markdown page as sanitised HTML, its title (first `#` heading, else the file name) and its plain text. */
export function renderPage(source: string, context: PageContext): RenderedPage {
  const tokens = markdown.parse(source, {});
  const html = markdown.renderer.render(tokens, markdown.options, {});
  return {
    title: pageTitle(tokens) ?? fileTitle(context.path),
    html: sanitiseDocsHtml(html, (href) => rewriteDocsLink(href, context.path, context.pages, context.pagesBase)),
    text: plainText(tokens),
  };
}

function pageTitle(tokens: readonly Token[]): string | null {
  const at = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  const inline = at < 0 ? undefined : tokens[at + 1];
  const title = inline ? inlineText(inline).trim() : '';
  return title === '' ? null : title;
}

// guides/getting-started.md → Getting started; index.md takes its folder's name, or "Home".
function fileTitle(path: string): string {
  const base = posix.basename(path, posix.extname(path));
  const name = /^(index|readme)$/i.test(base) ? posix.basename(posix.dirname(path)) : base;
  const words = name === '.' || name === '' ? 'Home' : name.replaceAll(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The words of a page, block by block, without markup; code included, it is often what people search. */
function plainText(tokens: readonly Token[]): string {
  const blocks: string[] = [];
  for (const token of tokens) {
    if (token.type === 'inline') blocks.push(inlineText(token));
    else if (token.type === 'fence' || token.type === 'code_block') blocks.push(token.content);
  }
  return blocks.join('\n').trim();
}

function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : ''))
    .join('');
}
