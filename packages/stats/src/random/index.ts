export { RandomSource } from "./random-source.js";
export { sampleWithReplacement } from "./sample-with-replacement.js";
export { shuffle } from "./shuffle.js";
