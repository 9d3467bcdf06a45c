import { confidenceLevel, formatConfidence, formatFigure, NO_VALUE } from './formatFigure';

describe('formatFigure', () => {
  it('formats savings with Grafana units, scaling large values', () => {
    expect(formatFigure({ value: 328.5, unit: 'kwatth', decimals: 0 })).toBe('329 kWh');
    expect(formatFigure({ value: 15_300, unit: 'kwatth', decimals: 1 })).toBe('15.3 MWh');
    expect(formatFigure({ value: 12.65, unit: 'masskg', decimals: 1 })).toBe('12.7 kg');
    expect(formatFigure({ value: 226.14, unit: 'currencyBRL', decimals: 0 })).toBe('R$226');
  });

  it('shows a dash for a missing figure', () => {
    expect(formatFigure({ value: null, unit: 'kwatth' })).toBe(NO_VALUE);
    expect(formatFigure({ value: NaN })).toBe(NO_VALUE);
  });

  it('shows confidence as a percentage and bands it', () => {
    expect(formatConfidence(0.856)).toBe('86%');
    expect(formatConfidence(null)).toBe(NO_VALUE);
    expect([0.9, 0.8, 0.66, 0.5, 0.49].map(confidenceLevel)).toEqual(['high', 'high', 'medium', 'medium', 'low']);
  });
});

describe('formatFigure in Portuguese', () => {
  it('writes digits and money as a Brazilian reads them, never with English abbreviations', () => {
    expect(formatFigure({ value: 81.14, unit: 'masskg', decimals: 1 }, 'pt-BR')).toBe('81,1 kg');
    expect(formatFigure({ value: 1201, unit: 'none', decimals: 0 }, 'pt-BR')).toBe('1.201');
    expect(formatFigure({ value: 15_300, unit: 'kwatth', decimals: 1 }, 'pt-BR')).toBe('15,3 MWh');
    expect(formatFigure({ value: 2187.4, unit: 'currencyBRL', decimals: 0 }, 'pt-BR')).toBe('R$\u00a02.187');
    expect(formatConfidence(0.856, 'pt-BR')).toBe('86%');
  });

  it('keeps Grafana’s English formatting for English viewers', () => {
    expect(formatFigure({ value: 2187.4, unit: 'currencyBRL', decimals: 0 }, 'en-US')).toBe('R$2K');
    expect(formatFigure({ value: 81.14, unit: 'masskg', decimals: 1 }, 'en-US')).toBe('81.1 kg');
  });
});
