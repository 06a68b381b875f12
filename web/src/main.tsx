// Why: the browser entry point: translations, the data cache (memory only, never persisted), the router
// and the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { languagesReady } from './i18n/index.ts';
import './styles.css';
import './duplicates.css';
import './form.css';
import './verify.css';
import { ApiRequestError } from './api.ts';
import { App } from './App.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retry only transient failures, never 4xx answers (permissions, not found, validation).
      retry: (count, error) => count < 2 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      // Do not keep records in memory longer than needed once no screen shows them.
      gcTime: 60_000,
    },
    mutations: { retry: false },
  },
});

const root = document.getElementById('root');
// The words first (a chunk of the app's own build), then the app: no screen shows keys instead of words.
if (root) void languagesReady.then(() => {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
});
