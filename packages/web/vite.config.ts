import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Static build served by the Sightline server at `/`; `npm run dev -w @sightline/web` proxies the API.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://127.0.0.1:7070", "/metrics": "http://127.0.0.1:7070" } },
});
