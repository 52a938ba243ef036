import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The cross-site KPI dashboard. `vite build --config services/dashboard/vite.config.ts` writes it to
 * dist/services/dashboard, which the gateway serves at `/`. `vite --config services/dashboard/vite.config.ts`
 * serves it for development, with /graphql (queries and graphql-ws subscriptions) proxied to a gateway on :4000.
 */
export default defineConfig({
  root: here,
  base: '/',
  // Vite's dependency cache goes with the workspace's node_modules, not into a node_modules of its own here.
  cacheDir: resolve(here, '../../node_modules/.vite/dashboard'),
  plugins: [react()],
  build: {
    outDir: resolve(here, '../../dist/services/dashboard'),
    emptyOutDir: true,
    sourcemap: true,
    // ECharts (only the charts and components used) is the largest part; it gets its own chunk, as React does,
    // so a change to the dashboard's code does not make browsers download them again.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', changeOrigin: true, ws: true },
    },
  },
});
