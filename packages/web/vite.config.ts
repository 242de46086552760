import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The portal is served by the Slipway server from dist/; in development, Vite proxies the
// API to a server started with `npm run up` (SLIPWAY_URL to point elsewhere).
const api = process.env.SLIPWAY_URL ?? 'http://127.0.0.1:7420';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The chunk graph, read by scripts/web-budget.mjs to size what the first page loads.
    manifest: true,
    // The budget (300 KB gzipped for the first route) is checked by scripts/web-budget.mjs.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': api, '/healthz': api },
  },
});
