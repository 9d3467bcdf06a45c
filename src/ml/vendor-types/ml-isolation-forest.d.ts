// ml-isolation-forest ships no type declarations; this covers the part the anomaly detector uses.
// Note: version 0.1 exports the class by name only (its README's default import does not work).
declare module 'ml-isolation-forest' {
  export class IsolationForest {
    constructor(options?: { nEstimators?: number });
    train(trainingSet: number[][]): void;
    /** One score in (0,1) per row: near 1 is isolated quickly (anomalous), about 0.5 or below is ordinary. */
    predict(data: number[][]): number[];
  }
}
