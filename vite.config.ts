// Why: builds the web front-end (web/) into dist/web for the server to serve, and proxies /api in development.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across releases,
        // which matters on the poor connections many field offices have.
        // The country name lists (the import wizard), ECharts, MapLibre and ExcelJS (the dashboard and the map,
        // its downloads) are loaded by dynamic imports only: kept out of it, so the first download does not grow.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules(?![\\/](i18n-iso-countries|echarts|zrender|maplibre-gl|@maplibre|exceljs)[\\/])/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
