import { Link, Outlet } from "react-router";

/** The frame of every page: header with navigation, then the page. */
export function Layout() {
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          Sightline
        </Link>
        <nav aria-label="main">
          <Link to="/">Models</Link>
          <Link to="/lineage">Lineage</Link>
          <Link to="/lineage/review">Review</Link>
        </nav>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}
