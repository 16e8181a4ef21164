import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * `key=value` of an alert label filter, or null when the text is not one.
 *
 * @example
 * parseLabel("team=risk"); // ["team", "risk"]
 */
export function parseLabel(text: string): [string, string] | null {
  const at = text.indexOf("=");
  return at > 0 && at < text.length - 1 ? [text.slice(0, at), text.slice(at + 1)] : null;
}

/**
 * The alerts page's label filter, kept in the URL as repeated `label=key=value` (the server keeps the
 * alerts holding every one); the field takes them separated by spaces, and empty clears them. Mount it with
 * `key` set to the URL's labels so a label link followed elsewhere shows in the field.
 *
 * @example
 * <AlertLabelFilter key={params.getAll("label").join(" ")} />
 */
export function AlertLabelFilter() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.getAll("label").join(" "));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const labels = text.split(/\s+/).filter((t) => t !== "");
    if (!labels.every((label) => parseLabel(label))) return;
    const next = new URLSearchParams(params);
    next.delete("label");
    for (const label of labels) next.append("label", label);
    setParams(next);
  };
  return (
    <form className="inline-form" onSubmit={apply}>
      <label>
        Label{" "}
        <input
          placeholder="key=value …"
          value={text}
          onChange={(e) => setText(e.target.value)}
          pattern="\s*([^=\s]+=\S+\s*)*"
          title="one or more key=value, separated by spaces"
        />
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}
