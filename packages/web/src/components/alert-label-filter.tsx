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
 * The alerts page's label filter, kept in the URL (`label=key=value`); empty clears it. Mount it with
 * `key={label}` so a label link followed elsewhere shows in the field.
 *
 * @example
 * <AlertLabelFilter key={params.get("label") ?? ""} />
 */
export function AlertLabelFilter() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("label") ?? "");
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    const value = text.trim();
    if (value === "") next.delete("label");
    else if (parseLabel(value)) next.set("label", value);
    else return;
    setParams(next);
  };
  return (
    <form className="inline-form" onSubmit={apply}>
      <label>
        Label{" "}
        <input
          placeholder="key=value"
          value={text}
          onChange={(e) => setText(e.target.value)}
          pattern="[^=]+=.+"
        />
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}
