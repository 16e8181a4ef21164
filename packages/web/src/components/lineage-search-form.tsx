import { type FormEvent, useState } from "react";

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
  const [kind, setKind] = useState<LineageSearch["kind"]>(props.initial?.kind ?? "prediction");
  const [value, setValue] = useState(props.initial?.value ?? "");
  const [model, setModel] = useState(props.initial?.kind === "prediction" ? props.initial.model : "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim();
    if (text === "") return;
    if (kind === "prediction") props.onSearch({ kind, value: text, model: model.trim() });
    else props.onSearch({ kind, value: text });
  };
  return (
    <form className="search-form" onSubmit={submit} aria-label="trace search">
      <label>
        Trace a{" "}
        <select value={kind} onChange={(e) => setKind(e.target.value as LineageSearch["kind"])} name="kind">
          <option value="prediction">prediction</option>
          <option value="run">run</option>
          <option value="artifact">artifact</option>
        </select>
      </label>
      {kind === "prediction" ? (
        <label>
          Model{" "}
          <input
            name="model"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            required
            placeholder="model"
          />
        </label>
      ) : null}
      <label className="grow">
        <span className="visually-hidden">{kind === "artifact" ? "Artifact name" : `${kind} id`}</span>
        <input
          name="value"
          type="search"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={placeholders[kind]}
          required
        />
      </label>
      <button type="submit">Trace</button>
    </form>
  );
}
