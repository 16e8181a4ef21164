import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { getJson } from "../api/client.js";
import type { ModelSummary } from "../api/types.js";

/** What a lineage search looks for: a prediction of a model, a run, or an artifact by name. */
export type LineageSearch =
  | { kind: "prediction"; value: string; model: string }
  | { kind: "run"; value: string }
  | { kind: "artifact"; value: string };

const placeholders = {
  prediction: "prediction id, e.g. p-42",
  run: "run id",
  artifact: "artifact name, e.g. s3://lake/clean.parquet or models:/m/v1",
} as const;

/** The lineage search box: what to trace (prediction + model, run id or artifact name). */
export function LineageSearchForm(props: {
  initial: LineageSearch | null;
  onSearch: (search: LineageSearch) => void;
}) {
  const id = useId();
  const [kind, setKind] = useState<LineageSearch["kind"]>(props.initial?.kind ?? "prediction");
  const [value, setValue] = useState(props.initial?.value ?? "");
  const [model, setModel] = useState(props.initial?.kind === "prediction" ? props.initial.model : "");
  const models = useQuery({
    queryKey: ["models"],
    queryFn: () => getJson<{ models: ModelSummary[] }>("/api/v1/models"),
    enabled: kind === "prediction",
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim();
    if (text === "") return;
    if (kind === "prediction") props.onSearch({ kind, value: text, model: model.trim() });
    else props.onSearch({ kind, value: text });
  };
  return (
    <form className="search-form" onSubmit={submit} aria-label="trace search">
      <label htmlFor={`${id}-kind`}>Trace a</label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => setKind(e.target.value as LineageSearch["kind"])}
        name="kind"
      >
        <option value="prediction">prediction</option>
        <option value="run">run</option>
        <option value="artifact">artifact</option>
      </select>
      {kind === "prediction" ? (
        <>
          <label htmlFor={`${id}-model`}>of model</label>
          <input
            id={`${id}-model`}
            name="model"
            list={`${id}-models`}
            value={model}
            onChange={(e) => setModel(e.target.value)}
            required
            placeholder="model"
          />
          <datalist id={`${id}-models`}>
            {(models.data?.models ?? []).map((m) => (
              <option key={m.model} value={m.model} />
            ))}
          </datalist>
        </>
      ) : null}
      <label htmlFor={`${id}-value`} className="visually-hidden">
        {kind === "artifact" ? "Artifact name" : `${kind} id`}
      </label>
      <input
        id={`${id}-value`}
        className="grow"
        name="value"
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={placeholders[kind]}
        required
      />
      <button type="submit">Trace</button>
    </form>
  );
}
