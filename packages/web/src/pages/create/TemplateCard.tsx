import { Link } from 'react-router';
import type { TemplateView } from './queries';

/** One template in the gallery; the whole card opens its wizard (the title is the link). */
export function TemplateCard({ template }: { template: TemplateView }) {
  const to = `/create/${encodeURIComponent(template.namespace)}/${encodeURIComponent(template.name)}`;
  return (
    <article className="card template-card" aria-labelledby={`template-${template.namespace}-${template.name}`}>
      <div className="row template-card-badges">
        <span className="badge info">{template.type}</span>
        {template.builtin && <span className="badge ok">Built-in golden path</span>}
        {template.problems.length > 0 && (
          <span className="badge bad">
            Cannot run: {template.problems.length} problem{template.problems.length === 1 ? '' : 's'}
          </span>
        )}
      </div>
      <h2 id={`template-${template.namespace}-${template.name}`}>
        <Link to={to} className="template-card-link">
          {template.title}
        </Link>
      </h2>
      <p className="template-card-description">{template.description || 'No description.'}</p>
      {template.problems.length > 0 && (
        <ul className="template-card-problems" aria-label="Problems">
          {template.problems.map((p) => (
            <li key={p.path}>{p.message}</li>
          ))}
        </ul>
      )}
      <div className="template-card-foot">
        {template.tags.length > 0 && (
          <ul className="tag-list" aria-label="Tags">
            {template.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        )}
        <span className="muted mono">
          {template.namespace}/{template.name} · {template.steps.length} steps
        </span>
      </div>
    </article>
  );
}
