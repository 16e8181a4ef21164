import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { ApiError } from "./api/client.js";
import { Layout } from "./components/layout.js";
import { AlertsPage } from "./pages/alerts-page.js";
import { ModelPage } from "./pages/model-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { OverviewPage } from "./pages/overview-page.js";
import "./styles.css";

// Lineage and registry pages load on first visit: the overview and model pages do not wait for their code.
const LineagePage = lazy(() => import("./pages/lineage-page.js").then((m) => ({ default: m.LineagePage })));
const LineageRunPage = lazy(() =>
  import("./pages/lineage-run-page.js").then((m) => ({ default: m.LineageRunPage })),
);
const LineageComponentPage = lazy(() =>
  import("./pages/lineage-component-page.js").then((m) => ({ default: m.LineageComponentPage })),
);
const LineageReviewPage = lazy(() =>
  import("./pages/lineage-review-page.js").then((m) => ({ default: m.LineageReviewPage })),
);
const LineageImpactPage = lazy(() =>
  import("./pages/lineage-impact-page.js").then((m) => ({ default: m.LineageImpactPage })),
);
const RegistryPage = lazy(() =>
  import("./pages/registry-page.js").then((m) => ({ default: m.RegistryPage })),
);

// A 401 asks for a key (the layout shows the form); retrying it would only repeat the refusal.
function retryUnlessUnauthenticated(failures: number, error: Error): boolean {
  return failures < 1 && !(error instanceof ApiError && error.status === 401);
}

// Live refresh while open: every query re-fetches on an interval and when the tab regains focus.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { refetchInterval: 15_000, staleTime: 5_000, retry: retryUnlessUnauthenticated },
  },
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<OverviewPage />} />
              <Route path="models/:model" element={<ModelPage />} />
              <Route path="alerts" element={<AlertsPage />} />
              <Route path="models/:model/registry" element={<RegistryPage />} />
              <Route path="lineage" element={<LineagePage />} />
              <Route path="lineage/runs/:id" element={<LineageRunPage />} />
              <Route path="lineage/components/:name" element={<LineageComponentPage />} />
              <Route path="lineage/review" element={<LineageReviewPage />} />
              <Route path="lineage/impact" element={<LineageImpactPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}
