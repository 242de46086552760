import { useId, useState } from 'react';
import { stringify } from 'yaml';
import type { EntityDetail } from './catalog-api';

type Format = 'yaml' | 'json';

/** The entity as read from its source, as YAML or JSON, with a copy button. */
export function EntityRaw({ detail }: { detail: EntityDetail }) {
  const [format, setFormat] = useState<Format>('yaml');
  const [copied, setCopied] = useState<string | null>(null);
  const id = useId();
  const text =
    format === 'yaml' ? stringify(detail.entity, { lineWidth: 0 }) : `${JSON.stringify(detail.entity, null, 2)}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied.');
    } catch {
      setCopied('The browser did not allow copying: select the text instead.');
    }
  };
  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <div className="row entity-raw-head">
        <h2 id={`${id}-title`}>As read from {detail.sourcePath}</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">Format</legend>
          {(['yaml', 'json'] as const).map((f) => (
            <label key={f} className={format === f ? 'segmented-on' : ''}>
              <input
                type="radio"
                name={`${id}-format`}
                value={f}
                checked={format === f}
                onChange={() => {
                  setFormat(f);
                  setCopied(null);
                }}
              />
              {f.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => void copy()}>
          Copy {format.toUpperCase()}
        </button>
        <span role="status" className="muted">
          {copied}
        </span>
      </div>
      <pre className="log entity-raw" data-testid="entity-raw">
        {text}
      </pre>
    </section>
  );
}
