import { describeCountDistance } from "./count-distance.case.js";
import { hellinger } from "./hellinger.js";

describeCountDistance({
  name: "hellinger",
  distance: hellinger,
  expected: (c) => c.hellinger,
  source: "NumPy formula",
  max: 1,
  symmetric: true,
});
