import { Suspense } from "react";
import { Link, Outlet, useMatch } from "react-router";

/** The frame of every page: header with navigation, then the page (a lazily loaded one behind Suspense). */
export function Layout() {
  const model = useMatch("/models/:model/*")?.params.model;
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
      </header>
      <main>
        {/* Lazily loaded pages (lineage, registry) show this while their code arrives. */}
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
