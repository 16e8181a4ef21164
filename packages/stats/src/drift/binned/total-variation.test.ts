import { describeCountDistance } from "./count-distance.case.js";
import { totalVariation } from "./total-variation.js";

describeCountDistance({
  name: "totalVariation",
  distance: totalVariation,
  expected: (c) => c.total_variation,
  source: "NumPy formula",
  max: 1,
  symmetric: true,
});
