import { describe, expect, it } from "vitest";
import { describeCountDistance } from "./count-distance.case.js";
import { jensenShannon } from "./jensen-shannon.js";

describeCountDistance({
  name: "jensenShannon",
  distance: jensenShannon,
  expected: (c) => c.jensen_shannon,
  source: "scipy.spatial.distance.jensenshannon, base 2",
  max: 1,
  symmetric: true,
});

describe("jensenShannon bounds", () => {
  it("is 1 for disjoint supports (base 2)", () => {
    expect(jensenShannon([10, 10, 0, 0], [0, 0, 3, 7]).statistic).toBeCloseTo(1, 12);
  });
});
