import { createApp } from 'vue'
// Element Plus components come on demand (vite.config.ts); ElMessage and ElMessageBox are called from scripts, not
// templates, so their styles come here with those of the parts they draw with (the box's overlay, buttons, input):
// without the overlay's, a confirmation box sits under the page and its buttons cannot be clicked.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
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
