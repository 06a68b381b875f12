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
        // The country name lists are loaded only by the import wizard (a dynamic import): kept out of it.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules(?![\\/]i18n-iso-countries)/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
