import { describeCountDistance } from "./count-distance.case.js";
import { klDivergence } from "./kl-divergence.js";

describeCountDistance({
  name: "klDivergence",
  distance: klDivergence,
  expected: (c) => c.kl_divergence,
  source: "scipy.stats.entropy on floored proportions",
  max: Number.POSITIVE_INFINITY,
  symmetric: false,
});
