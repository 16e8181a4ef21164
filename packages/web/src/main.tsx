import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { Layout } from "./components/layout.js";
import { AlertsPage } from "./pages/alerts-page.js";
import { LineageComponentPage } from "./pages/lineage-component-page.js";
import { LineageImpactPage } from "./pages/lineage-impact-page.js";
import { LineagePage } from "./pages/lineage-page.js";
import { LineageReviewPage } from "./pages/lineage-review-page.js";
import { LineageRunPage } from "./pages/lineage-run-page.js";
import { ModelPage } from "./pages/model-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { OverviewPage } from "./pages/overview-page.js";
import { RegistryPage } from "./pages/registry-page.js";
import "./styles.css";

// Live refresh while open: every query re-fetches on an interval and when the tab regains focus.
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchInterval: 15_000, staleTime: 5_000, retry: 1 } },
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
