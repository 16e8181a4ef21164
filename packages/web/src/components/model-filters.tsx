import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * Version and segment filters of the model page, kept in the URL (`version`, `segment=tag:value`).
 *
 * @example
 * <ModelFilters versions={["v1", "v2"]} />
 */
export function ModelFilters(props: { versions: string[] }) {
  const [params, setParams] = useSearchParams();
  const [segment, setSegment] = useState(params.get("segment") ?? "");
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("cell");
    setParams(next);
  };
  const applySegment = (event: FormEvent) => {
    event.preventDefault();
    const text = segment.trim();
    if (text === "" || /^[^:]+:.+$/.test(text)) set("segment", text);
  };
  return (
    <fieldset className="inline-form">
      <legend className="visually-hidden">filters</legend>
      <label>
        Version{" "}
        <select value={params.get("version") ?? ""} onChange={(e) => set("version", e.target.value)}>
          <option value="">most predictions</option>
          {props.versions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <form className="inline-form" onSubmit={applySegment}>
        <label>
          Segment{" "}
          <input
            placeholder="tag:value"
            value={segment}
            onChange={(e) => setSegment(e.target.value)}
            pattern="[^:]+:.+"
          />
        </label>
        <button type="submit">Filter</button>
      </form>
    </fieldset>
  );
}
