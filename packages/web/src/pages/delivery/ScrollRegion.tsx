import type { ReactNode } from 'react';

/**
 * A table's frame that scrolls sideways on a narrow screen: a named region a keyboard user can
 * reach with Tab and scroll with the arrow keys (the group table may hold no link to focus).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      className="table-wrap"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      {children}
    </section>
  );
}
