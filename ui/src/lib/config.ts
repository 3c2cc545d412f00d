/** Where to sign in: served by the server at run time (the Keycloak port differs between dev, tests and production). */
export interface UiConfig { keycloakUrl: string; realm: string; clientId: string }

let cached: UiConfig | null = null

export async function uiConfig(): Promise<UiConfig> {
  if (cached) return cached
  const r = await fetch('/api/v1/ui-config', { headers: { Accept: 'application/json' } })
  if (!r.ok) throw new Error(`ui-config: ${r.status}`)
  cached = (await r.json()) as UiConfig
  return cached
}
