import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// BASE_URL lets the production build live under a sub-path of a static host.
export default defineConfig({
  base: process.env.BASE_URL ?? '/',
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
