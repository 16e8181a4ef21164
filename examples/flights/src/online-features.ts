import type { Flight, FlightFeatures } from "./flight.js";

/** A version of the online feature pipeline's transform: what the model server reads for a flight. */
export type FeatureTransform = (flight: Flight) => FlightFeatures;

/**
 * The correct transform: hour, weekday, distance in miles, airports.
 *
 * @example
 * onlineFeatures(flight).distance; // miles
 */
export const onlineFeatures: FeatureTransform = (f) => ({
  hour: f.hour,
  weekday: f.weekday,
  distance: f.distance,
  origin: f.origin,
  destination: f.destination,
});

/**
 * The unit-change bug: the upstream route table switched to kilometres and the code converts miles again.
 *
 * @example
 * kilometreFeatures(flight).distance; // miles × 1.609
 */
export const kilometreFeatures: FeatureTransform = (f) => ({
  hour: f.hour,
  weekday: f.weekday,
  distance: Math.round(f.distance * 1.609),
  origin: f.origin,
  destination: f.destination,
});

/**
 * The broken-join bug: the route join drops one airport, so its flights lose the joined columns.
 *
 * @example
 * brokenJoinFeatures("ORD")(flightFromOrd).distance; // null
 */
export function brokenJoinFeatures(airport: string): FeatureTransform {
  return (f) =>
    f.origin === airport
      ? { hour: f.hour, weekday: f.weekday, distance: null, origin: f.origin, destination: null }
      : onlineFeatures(f);
}
