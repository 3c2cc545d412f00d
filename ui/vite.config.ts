/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// `npm run dev` serves the UI on :5173 and sends the API to a running server (./run.sh, :9080).
const server = process.env.SHENHE_SERVER ?? 'http://localhost:9080'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand: each <el-*> tag in a template imports its component and its CSS, so a
    // page carries only what it uses. Script imports (ElMessage, ElMessageBox) stay explicit; their
    // styles are imported in main.ts. No generated components.d.ts: vue-tsc knows the element-plus types.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false, dirs: [] }),
  ],
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          return undefined
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    css: false,
    server: { deps: { inline: ['element-plus'] } },
  },
})
