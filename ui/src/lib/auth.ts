import Keycloak from 'keycloak-js'
import { uiConfig } from './config'
import { pinia, useSessionStore } from '../stores/session'

export type Role = 'candidate' | 'site-reviewer' | 'district-reviewer' | 'district-admin' | 'national-admin'

/** The signed-in user (a Pinia store, so devtools and tests see one shared state). */
export const session = useSessionStore(pinia)

let kc: Keycloak | null = null

/**
 * Sets up keycloak-js (authorization code + PKCE). It does not redirect by itself: it only
 * finishes a sign-in that comes back from Keycloak, so that public pages never leave the site.
 */
export async function initAuth(): Promise<void> {
  try {
    const c = await uiConfig()
    kc = new Keycloak({ url: c.keycloakUrl, realm: c.realm, clientId: c.clientId })
    kc.onTokenExpired = () => { kc?.updateToken(30).catch(() => undefined) }
    await kc.init({ pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'fragment' })
    refreshSession()
  } catch (e) {
    console.warn('sign-in unavailable', e)
  } finally {
    session.ready = true
  }
}

function refreshSession() {
  const t = kc?.tokenParsed as Record<string, unknown> | undefined
  session.authenticated = !!kc?.authenticated
  session.username = (t?.preferred_username as string) ?? ''
  session.name = [t?.family_name, t?.given_name].filter(Boolean).join('') || session.username
  session.district = (t?.district as string) ?? ''
  session.site = (t?.site as string) ?? ''
  session.roles = (t?.groups as string[]) ?? []
}

export function hasRole(...roles: Role[]): boolean {
  return roles.some((r) => session.roles.includes(r))
}

function keycloakLocale(): string {
  return localStorage.getItem('shenhe.lang') === 'en' ? 'en' : 'zh-CN'
}

export async function login(redirectPath?: string): Promise<void> {
  if (!kc) throw new Error('sign-in unavailable')
  await kc.login({ redirectUri: location.origin + (redirectPath ?? location.pathname + location.search), locale: keycloakLocale() })
}

/** Keycloak's sign-up form (candidates create their own accounts); they come back signed in. */
export async function signUp(): Promise<void> {
  if (!kc) throw new Error('sign-in unavailable')
  await kc.register({ redirectUri: location.origin + '/home', locale: keycloakLocale() })
}

export async function logout(): Promise<void> {
  await kc?.logout({ redirectUri: location.origin + '/' })
}

/** A fresh access token (refreshed when it expires within 30 s). */
export async function token(): Promise<string | null> {
  if (!kc?.authenticated) return null
  try {
    await kc.updateToken(30)
  } catch {
    await login()
  }
  return kc.token ?? null
}

/**
 * Where a signed-in user starts: staff at their work first, since every account an administrator
 * creates also gets the realm's default role, candidate, unless it is taken away.
 */
export function homeFor(): string {
  if (hasRole('site-reviewer', 'district-reviewer')) return '/review'
  if (hasRole('district-admin')) return '/admin'
  if (hasRole('national-admin')) return '/national'
  if (hasRole('candidate')) return '/candidate'
  return '/'
}
