// How wide a card may get for the space a view has: one column on a phone, more and wider cards
// on a wall screen. CSS grid's auto-fill does the rest.

export interface CardLayout {
  /** CSS length for minmax()'s minimum. */
  minCardWidth: string;
  /** Narrow views stack the figures and drop secondary text. */
  compact: boolean;
}

export function cardLayout(width: number | undefined): CardLayout {
  if (width === undefined || !Number.isFinite(width)) {
    return { minCardWidth: '320px', compact: false };
  }
  if (width < 480) {
    return { minCardWidth: '100%', compact: true };
  }
  if (width >= 2400) {
    return { minCardWidth: '420px', compact: false };
  }
  return { minCardWidth: '320px', compact: false };
}
