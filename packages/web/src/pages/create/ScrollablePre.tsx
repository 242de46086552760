import type { ReactNode } from 'react';

/**
 * Preformatted text that may scroll (a log, a file): a named region a keyboard user can
 * reach with Tab and scroll with the arrow keys.
 */
export function ScrollablePre({
  label,
  labelledBy,
  className,
  testId,
  children,
}: {
  label?: string;
  labelledBy?: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={`log ${className ?? ''}`}
      aria-label={label}
      aria-labelledby={labelledBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      data-testid={testId}
    >
      <pre className="scroll-pre">{children}</pre>
    </section>
  );
}
