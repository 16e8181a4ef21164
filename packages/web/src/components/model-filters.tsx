import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useSearchParams } from "react-router";
import type { SegmentsAnswer } from "sightline/api-types";
import { getJson } from "../api/client.js";
import { formatCount } from "../format.js";

/**
 * Version and segment filters of the model page, kept in the URL (`version`, `segment=tag:value`). The
 * segment field offers the tags' most frequent values in the range (`/segments`); any `tag:value` may be typed.
 *
 * @example
 * <ModelFilters model="m" versions={["v1", "v2"]} fromMs={0} toMs={86_400_000} />
 */
export function ModelFilters(props: { model: string; versions: string[]; fromMs: number; toMs: number }) {
  const [params, setParams] = useSearchParams();
  const listId = useId();
  const range = new URLSearchParams({
    from: new Date(props.fromMs).toISOString(),
    to: new Date(props.toMs).toISOString(),
  }).toString();
  const segments = useQuery({
    queryKey: ["segments", props.model, range],
    queryFn: () =>
      getJson<SegmentsAnswer>(`/api/v1/models/${encodeURIComponent(props.model)}/segments?${range}`),
    staleTime: 60_000,
  });
  const choices = (segments.data?.tags ?? []).flatMap((t) =>
    t.values.map((v) => ({ value: `${t.tag}:${v.value}`, count: v.count })),
  );
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
            list={listId}
          />
        </label>
        <datalist id={listId} data-testid="segment-values">
          {choices.map((c) => (
            <option key={c.value} value={c.value} label={`${formatCount(c.count)} predictions`} />
          ))}
        </datalist>
        <button type="submit">Filter</button>
      </form>
    </fieldset>
  );
}
