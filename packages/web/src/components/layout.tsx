import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useSyncExternalStore } from "react";
import { Link, Outlet, useMatch } from "react-router";
import { apiKey } from "../api/api-key.js";
import { checkApiKey } from "../api/check-api-key.js";
import { ApiKeyForm } from "./api-key-form.js";

/**
 * The frame of every page: header with navigation, then the page (a lazily loaded one behind Suspense).
 * When the server answers 401, the key form takes the page's place, so one form shows instead of an error
 * per query; a key is adopted once the server lets it read, and then every query refetches.
 */
export function Layout() {
  const model = useMatch("/models/:model/*")?.params.model;
  const key = useSyncExternalStore(apiKey.subscribe, apiKey.snapshot);
  const client = useQueryClient();
  const enterKey = async (entered: string) => {
    const refusal = await checkApiKey(entered);
    if (refusal !== undefined) return apiKey.rejected(refusal);
    apiKey.set(entered);
    void client.resetQueries();
  };
  const forget = () => {
    apiKey.forget();
    // The next person at this tab must not see what the forgotten key could read.
    client.removeQueries();
  };
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          Sightline
        </Link>
        <nav aria-label="main">
          <Link to="/">Models</Link>
          <Link to="/alerts">Alerts</Link>
          <Link to="/lineage">Lineage</Link>
          <Link to="/lineage/review">Review</Link>
          {model ? <Link to={`/models/${encodeURIComponent(model)}/registry`}>{model} registry</Link> : null}
        </nav>
        {key.key ? (
          <button type="button" className="forget-key" onClick={forget}>
            Forget key
          </button>
        ) : null}
      </header>
      <main>
        {key.needed ? (
          <ApiKeyForm refusal={key.refusal} onKey={enterKey} />
        ) : (
          // Lazily loaded pages (lineage, registry) show this while their code arrives.
          <Suspense fallback={<p aria-busy="true">Loading…</p>}>
            <Outlet />
          </Suspense>
        )}
      </main>
    </>
  );
}
