// A bagged ensemble of mljs CART regression trees (ml-cart), each trained on its own random subset of rows, then
// flattened into typed arrays so that predicting is a tight loop with no per-row allocation.
import { CartNode, DecisionTreeRegression } from 'ml-cart';
import { mulberry32 } from '../stats/mulberry32';

export interface ForestOptions {
  trees: number;
  /** Rows each tree sees, drawn without replacement: ml-cart's split search costs O(rows²) per node. */
  rowsPerTree: number;
  maxDepth: number;
  /** A node with this many rows or fewer is a leaf. */
  minLeafRows: number;
  seed: number;
}

/** Every tree's nodes in one set of arrays; a leaf has feature -1 and its prediction in `value`. */
export interface Forest {
  features: number;
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/**
 * Fits the ensemble on the rows `rows` (indices into the row-major matrix `x` of `features` columns) with
 * targets `y`. Each tree gets min(rowsPerTree, rows) distinct rows (subsampling, not the bootstrap): across
 * trees every row is used, while each tree costs the same whatever the history length.
 */
export function fitForest(
  x: Float64Array,
  features: number,
  y: Float64Array,
  rows: Int32Array,
  options: ForestOptions
): Forest {
  const random = mulberry32(options.seed);
  const m = Math.min(options.rowsPerTree, rows.length);
  const pool = Int32Array.from(rows);
  const sample: number[][] = Array.from({ length: m }, () => new Array<number>(features));
  const target: number[] = new Array<number>(m);
  const nodes: CartNode[][] = [];
  for (let t = 0; t < options.trees; t++) {
    // Partial Fisher–Yates: the first m entries of the pool become a uniform sample without replacement.
    for (let k = 0; k < m; k++) {
      const j = k + Math.floor(random() * (pool.length - k));
      const swap = pool[k];
      pool[k] = pool[j];
      pool[j] = swap;
      const r = pool[k];
      for (let f = 0; f < features; f++) {
        sample[k][f] = x[r * features + f];
      }
      target[k] = y[r];
    }
    const tree = new DecisionTreeRegression({ maxDepth: options.maxDepth, minNumSamples: options.minLeafRows });
    tree.train(sample, target);
    nodes.push(preorder(tree.toJSON().root));
  }
  return flatten(nodes, features);
}

/** Mean of the trees' predictions for each row of the row-major matrix `x`. */
export function predictForest(forest: Forest, x: Float64Array, n: number, out = new Float64Array(n)): Float64Array {
  const { roots, feature, threshold, left, right, value, features } = forest;
  const trees = roots.length;
  for (let i = 0; i < n; i++) {
    const base = i * features;
    let sum = 0;
    for (let t = 0; t < trees; t++) {
      let node = roots[t];
      while (feature[node] >= 0) {
        // As ml-cart decides: below the threshold goes left. A NaN goes right there, and makes the row NaN here.
        const v = x[base + feature[node]];
        if (v !== v) {
          sum = NaN;
          break;
        }
        node = v < threshold[node] ? left[node] : right[node];
      }
      sum += value[node];
    }
    out[i] = sum / trees;
  }
  return out;
}

/** The nodes of one tree in pre-order (a parent before its children). */
function preorder(root: CartNode): CartNode[] {
  const out: CartNode[] = [];
  const stack: CartNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    if (node.left && node.right) {
      stack.push(node.right, node.left);
    }
  }
  return out;
}

function flatten(trees: CartNode[][], features: number): Forest {
  const total = trees.reduce((n, t) => n + t.length, 0);
  const forest: Forest = {
    features,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
  };
  let offset = 0;
  trees.forEach((nodes, t) => {
    const index = new Map<CartNode, number>(nodes.map((node, k) => [node, offset + k]));
    forest.roots[t] = offset;
    nodes.forEach((node, k) => {
      const at = offset + k;
      if (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
        forest.feature[at] = node.splitColumn;
        forest.threshold[at] = node.splitValue;
        forest.left[at] = index.get(node.left)!;
        forest.right[at] = index.get(node.right)!;
      } else {
        forest.feature[at] = -1;
        forest.value[at] = typeof node.distribution === 'number' ? node.distribution : NaN;
      }
    });
    offset += nodes.length;
  });
  return forest;
}
