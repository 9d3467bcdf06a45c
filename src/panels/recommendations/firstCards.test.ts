import { firstCards } from './firstCards';

describe('firstCards', () => {
  it('keeps the first rows in their order and counts the rest', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => i);
    const { shown, notShown } = firstCards(rows, 100);
    expect(shown).toEqual(rows.slice(0, 100));
    expect(notShown).toBe(4900);
  });

  it('shows every row, the same array, when they fit', () => {
    const rows = [3, 2, 1];
    expect(firstCards(rows, 3)).toEqual({ shown: rows, notShown: 0 });
    expect(firstCards(rows, 3).shown).toBe(rows);
  });
});
