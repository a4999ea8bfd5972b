import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server; `npm run dev` proxies /api to it so cookies stay same-origin. The web tsconfig
// has no Node types, hence the narrow cast to read one environment variable.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
const apiTarget = env?.SHEQU_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // React rarely changes, so it gets a long-lived chunk of its own. Ant Design is left to
        // the default splitting: its heavy parts (Table, DatePicker, Tree) then load with the
        // pages that use them instead of with the login page.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
