import { DecisionTreeRegression } from 'ml-cart';
import { fitForest, predictForest } from './forest';
import { seededRandom } from '../testing/seededRandom';

function table(n: number, seed: number) {
  const rnd = seededRandom(seed);
  const x = Float64Array.from({ length: n * 2 }, () => 100 * rnd.uniform());
  const y = Float64Array.from({ length: n }, (_, i) => (x[2 * i] < 40 ? 10 : 50) + x[2 * i + 1] / 10 + rnd.normal());
  return { x, y, rows: x.length / 2 };
}

const options = { trees: 1, rowsPerTree: 200, maxDepth: 6, minLeafRows: 5, seed: 1 };

describe('fitForest', () => {
  it('predicts exactly what ml-cart’s own tree predicts, from its flattened nodes', () => {
    const { x, y } = table(200, 1);
    const forest = fitForest(
      x,
      2,
      y,
      Int32Array.from({ length: 200 }, (_, i) => i),
      options
    );
    const tree = new DecisionTreeRegression({ maxDepth: 6, minNumSamples: 5 });
    tree.train(
      Array.from({ length: 200 }, (_, i) => [x[2 * i], x[2 * i + 1]]),
      Array.from(y)
    );
    const probe = table(50, 2).x;
    const expected = tree.predict(Array.from({ length: 50 }, (_, i) => [probe[2 * i], probe[2 * i + 1]]));
    // The same tree: leaf means differ only in the last bits, as the rows reached them in another order.
    const predicted = predictForest(forest, probe, 50);
    expected.forEach((e, i) => expect(predicted[i]).toBeCloseTo(e, 9));
    expect(new Set(expected).size).toBeGreaterThan(4);
  });

  it('averages its trees, each on a different subset of the rows, and gives NaN for a missing feature', () => {
    const { x, y } = table(400, 3);
    const rows = Int32Array.from({ length: 400 }, (_, i) => i);
    const forest = fitForest(x, 2, y, rows, { ...options, trees: 5, rowsPerTree: 50 });
    expect(forest.roots).toHaveLength(5);
    const one = (k: number) =>
      predictForest({ ...forest, roots: forest.roots.subarray(k, k + 1) }, Float64Array.of(20, 50), 1)[0];
    const each = [0, 1, 2, 3, 4].map(one);
    expect(new Set(each).size).toBeGreaterThan(1);
    expect(predictForest(forest, Float64Array.of(20, 50), 1)[0]).toBeCloseTo(each.reduce((a, b) => a + b) / 5, 10);
    expect(predictForest(forest, Float64Array.of(NaN, 50), 1)[0]).toBeNaN();
  });
});
