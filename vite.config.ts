import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// BASE_URL lets the production build live under a sub-path of a static host.
export default defineConfig({
  base: process.env.BASE_URL ?? '/',
  plugins: [
    react(),
    // Installable, and offline after the first visit: the service worker precaches the app, its
    // simulation worker and the knee model, so a ward computer or tablet needs no network.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'auto',
      includeAssets: ['icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'CPN Hydrodissection Trainer',
        short_name: 'CPN Trainer',
        description: 'Ultrasound-guided hydrodissection of the common peroneal nerve at the fibular head: a simulator with scored attempts.',
        theme_color: '#0f1419',
        background_color: '#0f1419',
        display: 'standalone',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,glb,png,svg,webmanifest}'],
        // The main bundle (three, React) is over Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
