import { FORECAST_METHODS } from '../index';
import { forecastMethodProblem } from './method';

describe('forecastMethodProblem', () => {
  it('accepts every method the ML core lists, long-seasonal-naive included', () => {
    expect(FORECAST_METHODS).toContain('long-seasonal-naive');
    for (const method of FORECAST_METHODS) {
      expect({ method, problem: forecastMethodProblem(method) }).toEqual({ method, problem: undefined });
    }
  });

  it('accepts an ensemble of models, as auto reports its choice', () => {
    expect(forecastMethodProblem('ensemble(seasonal-mean+mstl)')).toBeUndefined();
    expect(forecastMethodProblem('ensemble(linear+holt-winters+lag-regression)')).toBeUndefined();
  });

  it('names the unknown models of an ensemble, and auto is not a model', () => {
    expect(forecastMethodProblem('ensemble(mstl+prophet)')).toMatch(/combines unknown model "prophet"/);
    expect(forecastMethodProblem('ensemble(auto+mstl)')).toMatch(/unknown model "auto"/);
    expect(forecastMethodProblem('ensemble(mstl+)')).toMatch(/unknown model ""/);
  });

  it('refuses other names, and Object’s own properties, listing what to use', () => {
    expect(forecastMethodProblem('prophet')).toMatch(
      /^unknown forecast method "prophet"; use auto, one of .*lag-regression/
    );
    expect(forecastMethodProblem('constructor')).toMatch(/unknown forecast method/);
    expect(forecastMethodProblem('ensemble()')).toMatch(/unknown forecast method/);
  });
});
