import { type FormEvent, useId, useState } from "react";

/**
 * Asks for the API key of a server that needs one (shown by the layout after a 401, in place of the page).
 * `refusal` is the server's message when the last key was refused.
 *
 * @example
 * <ApiKeyForm refusal={state.refusal} onKey={async (key) => apiKey.set(key)} />
 */
export function ApiKeyForm(props: { refusal: string | undefined; onKey: (key: string) => Promise<void> }) {
  const [key, setKey] = useState("");
  const [checking, setChecking] = useState(false);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!key.trim() || checking) return;
    setChecking(true);
    void props.onKey(key.trim()).finally(() => setChecking(false));
  };
  return (
    <section className="api-key-form" aria-label="API key">
      <h1>API key</h1>
      <p>
        This server needs an API key. Paste one with the <code>read</code> role (or <code>admin</code> to also
        acknowledge alerts, flag outputs and move aliases). It is kept in this tab only, until you close it or
        forget it.
      </p>
      {props.refusal ? (
        <p role="alert" className="error-box">
          The key was refused: {props.refusal}
        </p>
      ) : null}
      <form onSubmit={submit} className="inline-form">
        <label htmlFor={`${id}-key`}>Key</label>
        <input
          id={`${id}-key`}
          name="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
        />
        <button type="submit" disabled={checking} aria-busy={checking}>
          Use key
        </button>
      </form>
    </section>
  );
}
