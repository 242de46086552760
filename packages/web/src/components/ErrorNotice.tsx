import { SlipwayError } from '@slipway/core/errors';

/** Field paths as a person reads them: `/containers/main/image` → `containers › main › image`. */
export function fieldLabel(path: string): string {
  return path === '' ? 'the request' : path.replace(/^\//, '').split('/').join(' › ');
}

/**
 * Any failure, in plain words: the API's message, what to do about it (its hint), and the
 * fields it concerns. Unknown errors (a bug in the page) are shown too, never swallowed.
 */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const e = error instanceof SlipwayError ? error : null;
  const message = e?.message ?? (error instanceof Error ? error.message : String(error));
  return (
    <div className="notice bad" role="alert" data-error-code={e?.code ?? 'unknown'}>
      <strong>{title ?? 'That did not work'}</strong>
      <span>{message}</span>
      {e?.fields && e.fields.length > 0 && (
        <ul>
          {e.fields.map((f) => (
            <li key={`${f.in ?? 'body'}${f.path}`}>
              <code>{fieldLabel(f.path)}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
      {e?.hint && <div className="muted">{e.hint}</div>}
    </div>
  );
}
