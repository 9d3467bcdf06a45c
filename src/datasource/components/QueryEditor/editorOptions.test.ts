import { FORECAST_METHODS } from '../../../ml';
import { TARGETS } from '../../types';
import { methodLabels, methodOptions, queryTypeOptions, targetOptions } from './editorOptions';

describe('editor options', () => {
  it('has a label for every forecast method of the ML core', () => {
    const labels = methodLabels();
    for (const method of FORECAST_METHODS) {
      expect({ method, label: labels[method] }).toEqual({ method, label: expect.any(String) });
    }
  });

  it('offers exactly the ML core’s methods, in its order', () => {
    expect(methodOptions('auto').map((o) => o.value)).toEqual([...FORECAST_METHODS]);
  });

  it('adds a saved ensemble to the choices so the combobox can show it', () => {
    const options = methodOptions('ensemble(mstl+linear)');
    expect(options.map((o) => o.value)).toEqual([...FORECAST_METHODS, 'ensemble(mstl+linear)']);
  });

  it('offers the targets of each type', () => {
    for (const type of queryTypeOptions().map((o) => o.value!)) {
      expect(targetOptions(type).map((o) => o.value)).toEqual(TARGETS[type]);
    }
  });
});
