import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import {
  type RangePreset,
  rangePresets,
  type TimeRange,
  type WindowSize,
  windowSizes,
} from "../time-range.js";

const presetLabels: Record<RangePreset, string> = {
  "24h": "24 h",
  "7d": "7 days",
  "30d": "30 days",
  all: "All",
};

function dateInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/**
 * The time-range picker: presets (24 h, 7 days, 30 days, all), a custom from/to (UTC) and the window size.
 * Everything is written to the URL (`range`, `from`, `to`, `window`), so the view can be shared.
 *
 * @example
 * <TimeRangePicker range={range} />
 */
export function TimeRangePicker(props: { range: TimeRange }) {
  const [params, setParams] = useSearchParams();
  const { range } = props;
  const [from, setFrom] = useState(dateInput(range.fromMs));
  const [to, setTo] = useState(dateInput(range.toMs));
  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    next.delete("cell");
    setParams(next);
  };
  const pickPreset = (preset: RangePreset) =>
    update((next) => {
      next.delete("from");
      next.delete("to");
      next.set("range", preset);
      if (preset === "24h") next.set("window", "1h");
      else if (next.get("window") === "1h") next.set("window", "1d");
    });
  const applyCustom = (event: FormEvent) => {
    event.preventDefault();
    const fromMs = Date.parse(`${from}Z`);
    const toMs = Date.parse(`${to}Z`);
    if (!(toMs > fromMs)) return;
    update((next) => {
      next.delete("range");
      next.set("from", new Date(fromMs).toISOString());
      next.set("to", new Date(toMs).toISOString());
    });
  };
  return (
    <fieldset className="range-picker">
      <legend className="visually-hidden">time range</legend>
      {(Object.keys(rangePresets) as RangePreset[]).map((preset) => (
        <button
          key={preset}
          type="button"
          aria-pressed={range.preset === preset}
          onClick={() => pickPreset(preset)}
        >
          {presetLabels[preset]}
        </button>
      ))}
      <form className="inline-form" onSubmit={applyCustom} aria-label="custom range">
        <label>
          From (UTC) <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To (UTC) <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" aria-pressed={range.preset === "custom"}>
          Apply
        </button>
      </form>
      <label>
        Window{" "}
        <select
          value={range.window}
          onChange={(e) => update((next) => next.set("window", e.target.value as WindowSize))}
        >
          {(Object.keys(windowSizes) as WindowSize[]).map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
