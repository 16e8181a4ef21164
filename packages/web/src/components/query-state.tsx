import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** Renders loading and error states of a query, else `children(data)`. */
export function QueryState<T>(props: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { query } = props;
  if (query.isPending) return <p aria-busy="true">Loading…</p>;
  if (query.isError) return <p role="alert">Could not load: {query.error.message}</p>;
  return <>{props.children(query.data)}</>;
}
