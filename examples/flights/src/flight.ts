/** One flight as the demo reads it from the dataset (times in UTC epoch ms, distance in miles). */
export interface Flight {
  /** Stable id built from the flight's fields, so re-running the demo re-sends the same ids. */
  id: string;
  timestampMs: number;
  /** Scheduled departure hour, 0-23. */
  hour: number;
  /** ISO weekday, 1 (Monday) to 7 (Sunday). */
  weekday: number;
  distance: number;
  origin: string;
  destination: string;
  /** The label: 1 when the flight departed more than 15 minutes late. */
  delayed: 0 | 1;
}

/** The features the model server reads for a flight; `null` where the feature pipeline lost them. */
export interface FlightFeatures {
  hour: number | null;
  weekday: number | null;
  distance: number | null;
  origin: string | null;
  destination: string | null;
}

/** One day in ms; the demo's windows are days. */
export const DAY_MS = 86_400_000;
