/**
 * The portal's one table: named by its caption (for screen readers, and visible when asked),
 * column headers with scope="col", a row (or rows) per item drawn by the caller, which heads
 * each row with its own <th scope="row">, and words instead of an empty table when there are
 * no items. Wrapped to scroll sideways on narrow screens.
 */
import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  /** Read by screen readers only (a column of buttons needs no visible heading). */
  hidden?: boolean;
}

export function Table<T>({
  caption,
  showCaption = false,
  columns,
  items,
  empty,
  className,
  wrapClassName,
  wrap = true,
  testId,
  children,
}: {
  /** What the table holds; it names the table. */
  caption: ReactNode;
  showCaption?: boolean;
  columns: ReadonlyArray<ReactNode | Column>;
  items: readonly T[];
  /** Shown instead of the table when there are no items: a sentence, or an element of its own. */
  empty: ReactNode;
  className?: string;
  wrapClassName?: string;
  /** Inside a card, the table goes without the scrolling frame. */
  wrap?: boolean;
  testId?: string;
  /** The row (or rows) of one item. */
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) return typeof empty === 'string' ? <p className="muted">{empty}</p> : empty;
  const table = (
    <table className={className} data-testid={testId}>
      <caption className={showCaption ? 'table-caption' : 'visually-hidden'}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, i) => {
            const { label, hidden } = isColumn(column) ? column : { label: column, hidden: false };
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
              <th key={i} scope="col">
                {hidden ? <span className="visually-hidden">{label}</span> : label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{items.map(children)}</tbody>
    </table>
  );
  if (!wrap) return table;
  return <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>{table}</div>;
}

function isColumn(value: ReactNode | Column): value is Column {
  return typeof value === 'object' && value !== null && 'label' in value;
}
