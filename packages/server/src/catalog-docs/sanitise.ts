import sanitizeHtml from 'sanitize-html';

// What Markdown renders to, and nothing that runs, styles or embeds: no script, style, iframe,
// form, no on* or style attributes. Class only on code, for a highlighter's language-x.
const allowedTags = [
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code'],
  ...['ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'em', 'strong', 's', 'del', 'sub', 'sup'],
  ...['table', 'thead', 'tbody', 'tr', 'th', 'td'],
];

/**
 * HTML safe to show in the portal. `rewriteHref` sees every link first (docs pages pointing at
 * each other); then links keep only http(s), mailto and relative targets, images https or relative.
 */
export function sanitiseDocsHtml(html: string, rewriteHref: (href: string) => string = (h) => h): string {
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title'],
      code: ['class'],
      ol: ['start'],
      th: ['align'],
      td: ['align'],
    },
    allowedClasses: { code: [/^language-[\w-]+$/] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => {
        const out: sanitizeHtml.Attributes = { ...attribs };
        if (out.href !== undefined) out.href = rewriteHref(out.href);
        if (/^https?:/i.test(out.href ?? '')) out.rel = 'noopener noreferrer';
        return { tagName, attribs: out };
      },
    },
  });
}

/** Text with every tag removed and what remains escaped: safe in HTML and as plain text. */
export function sanitiseText(text: string): string {
  return sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} });
}
