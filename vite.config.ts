import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

/**
 * The dev server injects an inline script (React Fast Refresh) that index.html's CSP forbids: serve
 * without that meta. Builds (and so `vite preview` and the e2e specs) keep it.
 */
const cspOnlyInBuilds = (): Plugin => ({
  name: 'csp-only-in-builds',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
});

// BASE_URL lets the production build live under a sub-path of a static host.
export default defineConfig({
  base: process.env.BASE_URL ?? '/',
  plugins: [
    cspOnlyInBuilds(),
    react(),
    // Installable, and offline after the first visit: the service worker precaches the app, its
    // simulation worker and the knee model, so a ward computer or tablet needs no network.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'auto',
      // The icons are precached by globPatterns below; listing them again would duplicate entries.
      includeManifestIcons: false,
      manifest: {
        name: 'CPN Hydrodissection Trainer',
        short_name: 'CPN Trainer',
        description: 'Ultrasound-guided hydrodissection of the common peroneal nerve at the fibular head: a simulator with scored attempts.',
        theme_color: '#0f1419',
        background_color: '#0f1419',
        display: 'standalone',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          // Full-bleed background, the nerve inside the central safe zone: usable as a maskable icon.
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell, its JS/CSS (the simulation worker's bundle included), the icons and every
        // 3D model in public/models (a glob, so models added later are precached too). The plugin
        // adds manifest.webmanifest and registerSW.js itself.
        globPatterns: ['**/*.{js,css,html,svg,png}', 'models/**/*.glb'],
        // The main bundle (three, React) is over Workbox's 2 MiB default; models are ~0.4 MiB each.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
