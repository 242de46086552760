import { fieldLabel } from '../../components/ErrorNotice';
import type { EntityDetail } from './catalog-api';

/**
 * What is wrong with the entity as read, in plain words, at the top of its page: a missing
 * required field, an owner that is not in the catalog, a relation to nothing.
 */
export function EntityProblems({ detail }: { detail: EntityDetail }) {
  if (detail.errors.length === 0) return null;
  const count = detail.errors.length;
  return (
    <section id="entity-problems" className="notice bad entity-problems" aria-labelledby="entity-problems-title">
      <h2 id="entity-problems-title">
        {count === 1 ? 'This entity has a problem' : `This entity has ${count} problems`}
      </h2>
      <ul>
        {detail.errors.map((e) => (
          <li key={`${e.path}:${e.message}`}>
            {e.path ? (
              <>
                In <code>{fieldLabel(e.path)}</code>: {plainWords(e.message)}
              </>
            ) : (
              plainWords(e.message)
            )}
          </li>
        ))}
      </ul>
      <p className="muted">
        Fix it in <code>{detail.sourcePath}</code> of the repository it was read from; the catalog picks the change up
        on its next read (or use “Read again now” below).
      </p>
    </section>
  );
}

/** The schema validator's phrasing, turned into a sentence a person would write. */
export function plainWords(raw: string): string {
  // Backstage appends the validator's parameters (` - missingProperty: lifecycle`): the words say it already.
  const message = raw.replace(/\s+-\s+[A-Za-z]+: .*$/s, '');
  const missing = /^must have required property '([^']+)'$/.exec(message);
  if (missing) return `“${missing[1]}” is missing; it is required.`;
  const additional = /^must NOT have additional properties$/.exec(message);
  if (additional) return 'has a field the format does not allow.';
  const pattern = /^must match pattern "(.+)"$/.exec(message);
  if (pattern) return `is not in the expected form (${pattern[1]}).`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
