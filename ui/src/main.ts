import { createApp } from 'vue'
// Element Plus components come on demand (vite.config.ts); ElMessage and ElMessageBox are called from scripts, not templates.
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import './style.css'
import App from './App.vue'
import { i18n, setLocale, currentLocale } from './i18n'
import { initAuth } from './lib/auth'
import { createAppRouter } from './router'
import { pinia } from './stores/session'

async function start() {
  setLocale(currentLocale())
  // Finish a sign-in coming back from Keycloak before the router reads the URL.
  await initAuth()
  const app = createApp(App)
  app.use(pinia)
  app.use(i18n)
  app.use(createAppRouter())
  app.mount('#app')
}

start()
