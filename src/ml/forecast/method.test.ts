import { describeForecastModel, forecastMethodFor, readForecastMethod } from '../index';

describe('the method option', () => {
  it('writes a model choice as the method that refits it, and reads it back to the same choice', () => {
    const choices = [{ name: 'holt-winters' }, { name: 'ensemble', components: ['seasonal-mean', 'mstl', 'linear'] }];
    for (const choice of choices) {
      expect(readForecastMethod(forecastMethodFor(choice))).toEqual({ choice, unknown: [] });
    }
    expect(forecastMethodFor(choices[1])).toBe('ensemble(seasonal-mean+mstl+linear)');
  });

  it('names what forecast() would refuse, model by model', () => {
    expect(readForecastMethod('auto')).toEqual({ choice: { name: 'auto' }, unknown: [] });
    expect(readForecastMethod('prophet').unknown).toEqual(['prophet']);
    expect(readForecastMethod('constructor').unknown).toEqual(['constructor']);
    expect(readForecastMethod('ensemble(mstl+lineer)')).toEqual({
      choice: { name: 'ensemble', components: ['mstl', 'lineer'] },
      unknown: ['lineer'],
    });
    expect(readForecastMethod('ensemble()').unknown).toEqual(['ensemble()']);
    expect(readForecastMethod('ensemble(auto+linear)').unknown).toEqual(['auto']);
  });
});

describe('describeForecastModel', () => {
  it('labels the model, then the notes and the fallback in order', () => {
    const label = describeForecastModel({
      model: { name: 'seasonal-naive', seasonalities: [24] },
      notes: [{ code: 'missing-steps', count: 3, message: '3 missing step(s)' }],
      fallback: { from: { name: 'ensemble', components: ['mstl', 'linear'] }, reason: 'not-converged', points: 500 },
    });
    expect(label).toBe('seasonal-naive (3 missing step(s); fallback: ensemble(mstl+linear) did not converge)');
  });

  it('labels a plain model by its name alone', () => {
    expect(describeForecastModel({ model: { name: 'mstl', seasonalities: [24, 168] }, notes: [] })).toBe('mstl');
  });
});
