// ml-logistic-regression ships no types; this declares the part the demo uses.
declare module "ml-logistic-regression" {
  import type { Matrix } from "ml-matrix";

  interface TwoClassClassifier {
    testScores(features: Matrix): number[];
    toJSON(): { weights: Matrix };
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: TwoClassClassifier[];
    train(features: Matrix, target: Matrix): void;
    predict(features: Matrix): number[];
  }
}
