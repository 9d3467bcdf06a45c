import { DEFAULT_PANEL_OPTIONS, resolvePanelOptions } from './types';

describe('resolvePanelOptions', () => {
  it('gives the defaults for a new panel', () => {
    expect(resolvePanelOptions(undefined)).toEqual(DEFAULT_PANEL_OPTIONS);
    expect(resolvePanelOptions({})).toEqual({
      sortBy: 'money',
      categories: [],
      minConfidence: 0,
      showSummary: true,
      maxCards: 100,
    });
  });

  it('reads the first version’s options: "savings" sorts by money', () => {
    expect(resolvePanelOptions({ sortBy: 'savings' as never, minConfidence: 0.5 })).toMatchObject({
      sortBy: 'money',
      minConfidence: 0.5,
    });
  });

  it('keeps valid choices and clamps the confidence to 0..1', () => {
    expect(
      resolvePanelOptions({ sortBy: 'kgCO2e', categories: ['energy', ''], minConfidence: 7, showSummary: false })
    ).toEqual({
      sortBy: 'kgCO2e',
      categories: ['energy'],
      minConfidence: 1,
      showSummary: false,
      maxCards: 100,
    });
  });

  it('keeps Maximum cards a whole number from 1 to 500, and gives older panels the default of 100', () => {
    const maxCards = (v: unknown) => resolvePanelOptions({ maxCards: v as number }).maxCards;
    expect(maxCards(undefined)).toBe(100);
    expect(maxCards(null)).toBe(100);
    expect(maxCards('abc')).toBe(100);
    expect(maxCards(25.7)).toBe(25);
    expect(maxCards(0)).toBe(1);
    expect(maxCards(100_000)).toBe(500);
  });
});
