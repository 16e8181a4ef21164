import { type FormEvent, useId, useState } from "react";

/** The versions and time range of a canary/shadow comparison. */
export interface CompareSelection {
  baseline: string;
  candidate: string;
  days: number;
}

const ranges = [1, 7, 30, 90];

/** Picks a baseline and a candidate version and the days to compare them over. */
export function RegistryCompareForm(props: {
  versions: string[];
  initial: CompareSelection;
  onCompare: (selection: CompareSelection) => void;
}) {
  const [baseline, setBaseline] = useState(props.initial.baseline);
  const [candidate, setCandidate] = useState(props.initial.candidate);
  const id = useId();
  const [days, setDays] = useState(props.initial.days);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onCompare({ baseline, candidate, days });
  };
  const same = baseline === candidate;
  return (
    <form onSubmit={submit} className="inline-form" aria-label="compare versions">
      <label htmlFor={`${id}-baseline`}>Baseline</label>
      <select
        id={`${id}-baseline`}
        name="baseline"
        value={baseline}
        onChange={(e) => setBaseline(e.target.value)}
      >
        {props.versions.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-candidate`}>Candidate</label>
      <select
        id={`${id}-candidate`}
        name="candidate"
        value={candidate}
        onChange={(e) => setCandidate(e.target.value)}
      >
        {props.versions.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-days`}>Over the last</label>
      <select id={`${id}-days`} name="days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
        {ranges.map((d) => (
          <option key={d} value={d}>
            {d === 1 ? "day" : `${d} days`}
          </option>
        ))}
      </select>
      <button type="submit" disabled={same}>
        Compare
      </button>
      {same ? <span className="muted"> pick two different versions</span> : null}
    </form>
  );
}
