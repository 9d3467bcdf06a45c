// Caps the cards a panel renders: the first ones in the view's order, and how many were left out,
// so that a table of thousands of recommendations stays a light panel that says what it hides.

export interface FirstCards<T> {
  shown: T[];
  /** Rows past the cap, not rendered (still counted by the summary). */
  notShown: number;
}

/** The first `max` rows (already sorted by the panel's option), and the count of the rest. */
export function firstCards<T>(rows: T[], max: number): FirstCards<T> {
  if (rows.length <= max) {
    return { shown: rows, notShown: 0 };
  }
  return { shown: rows.slice(0, max), notShown: rows.length - max };
}
