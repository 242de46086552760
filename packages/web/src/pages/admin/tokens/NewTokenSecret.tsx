import { useEffect, useRef, useState } from 'react';

/**
 * A new token's secret, shown this once: selectable text, a copy button, and a warning that
 * it cannot be shown again. Focus moves here so a screen reader hears it at once.
 */
export function NewTokenSecret({
  token,
  onDone,
}: {
  token: { name: string; secret: string; scopes: string[]; expiresAt: string | null };
  onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section className="notice warn admin-secret" aria-labelledby="token-secret-title">
      <h2 id="token-secret-title" ref={heading} tabIndex={-1}>
        Token {token.name} created
      </h2>
      <p>
        <strong>Copy the secret now: it is shown only this once.</strong> Slipway keeps only a hash of it; if it is
        lost, revoke the token and create a new one.
      </p>
      <label htmlFor="token-secret">Secret</label>
      <div className="row admin-secret-row">
        <input
          id="token-secret"
          className="mono"
          readOnly
          value={token.secret}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="token-secret"
        />
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" className="small">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'The browser did not allow copying: select the secret and copy it by hand.'}
      </p>
      <p className="small">
        Scopes: {token.scopes.join(', ')} ·{' '}
        {token.expiresAt ? `expires ${new Date(token.expiresAt).toLocaleDateString()}` : 'never expires'}. Use it with{' '}
        <code>slipway login --server URL --token TOKEN</code>, as <code>SLIPWAY_TOKEN</code>, or as{' '}
        <code>Authorization: Bearer …</code>.
      </p>
      <button type="button" onClick={onDone}>
        I have saved it
      </button>
    </section>
  );
}
