// ml-regression ships no type declarations; this covers the part the ML core uses.
declare module 'ml-regression' {
  export class SimpleLinearRegression {
    constructor(x: ArrayLike<number>, y: ArrayLike<number>);
    slope: number;
    intercept: number;
    predict(x: number): number;
  }
}
