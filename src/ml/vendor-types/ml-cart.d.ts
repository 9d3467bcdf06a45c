// ml-cart ships no type declarations; this covers the regression tree the driver model trains, and the
// node shape of its documented toJSON() export, which the driver model flattens into typed arrays.
declare module 'ml-cart' {
  export interface CartNode {
    /** Present on leaves: the mean of the training values that reached the node. */
    distribution?: number;
    /** Rows whose `splitColumn` value is below `splitValue` go left, the others right. */
    splitColumn?: number;
    splitValue?: number;
    left?: CartNode;
    right?: CartNode;
  }

  export class DecisionTreeRegression {
    constructor(options?: { maxDepth?: number; minNumSamples?: number; gainFunction?: 'regression' });
    train(trainingSet: number[][], trainingValues: number[]): void;
    predict(toPredict: number[][]): number[];
    toJSON(): { name: 'DTRegression'; root: CartNode };
  }
}
