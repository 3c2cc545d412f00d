import { createPinia, defineStore } from 'pinia'

/** The app's one Pinia instance: main.ts installs it; code outside components (sign-in) uses it directly. */
export const pinia = createPinia()

/** Who is signed in, from the Keycloak token: every page reads it, only lib/auth.ts writes it. */
export const useSessionStore = defineStore('session', {
  state: () => ({
    ready: false,
    authenticated: false,
    username: '',
    name: '',
    district: '',
    site: '',
    roles: [] as string[],
  }),
})
