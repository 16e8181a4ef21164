/** How often one value of a tag occurs. */
export interface SegmentValue {
  value: string;
  count: number;
}

/** One tag of a model's predictions with its most frequent values. */
export interface SegmentTag {
  tag: string;
  /** Predictions carrying the tag. */
  rows: number;
  /** How many distinct values it takes (the answer lists at most `valuesPerTag`). */
  distinct_values: number;
  /** The most frequent values, most frequent first (ties by value). */
  values: SegmentValue[];
}

/** Which predictions to count: a model over `[fromMs, toMs)`, optionally one version. */
export interface SegmentQuery {
  model: string;
  fromMs: number;
  toMs: number;
  version?: string;
  /** Values listed per tag. */
  valuesPerTag: number;
  /** Tags listed, those on the most predictions first. */
  maxTags: number;
}

/**
 * The segment tags of predictions and their most frequent values, counted in the store.
 *
 * @example
 * const tags = await store.segments.topValues({ model: "m", fromMs, toMs, valuesPerTag: 20, maxTags: 50 });
 * tags[0]?.values[0]; // { value: "eu", count: 80 }
 */
export interface SegmentStore {
  topValues(query: SegmentQuery): Promise<SegmentTag[]>;
}
