/**
 * The wizard's steps as a numbered list: where one is, which steps still have problems (in
 * words, not only colour), and a way back to any of them.
 */
export function WizardSteps({
  titles,
  current,
  withProblems,
  onGo,
}: {
  titles: readonly string[];
  current: number;
  withProblems: ReadonlySet<number>;
  onGo: (step: number) => void;
}) {
  return (
    <nav aria-label="Steps" className="wizard-steps">
      <ol>
        {titles.map((title, i) => {
          const state = i === current ? 'current' : i < current ? 'done' : 'todo';
          return (
            <li key={title} data-state={state}>
              <button type="button" onClick={() => onGo(i)} aria-current={i === current ? 'step' : undefined}>
                <span className="wizard-step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span>
                  <span className="visually-hidden">Step {i + 1}: </span>
                  {title}
                  {withProblems.has(i) && <span className="wizard-step-problem"> — needs attention</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
