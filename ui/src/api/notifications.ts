import { apiGet, apiSend } from '../lib/api'

/** The signed-in user's own notifications (站内通知). */
export function inbox<T>(limit = 20): Promise<{ unread: number; items: T[] }> {
  return apiGet<{ unread: number; items: T[] }>(`/api/v1/me/notifications?limit=${limit}`)
}

export async function markRead(id: string): Promise<void> {
  await apiSend('POST', `/api/v1/me/notifications/${id}/read`)
}
