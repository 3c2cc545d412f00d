import { apiGet, apiSend, uploadImage } from '../lib/api'
import type { ImageView, RegistrationSummary, RegistrationView } from '../lib/types'
import { districtsPath } from './districts'

/** A candidate's registrations and their pictures. Pictures are addressed by the URLs the server hands out. */
export const registrationPath = (district: string, id: string) => `${districtsPath(district)}/registrations/${id}`

export function listRegistrations(district: string): Promise<RegistrationSummary[]> {
  return apiGet<RegistrationSummary[]>(`${districtsPath(district)}/registrations`)
}

export async function register(district: string, form: { examYear: number; category: string; site: string }): Promise<RegistrationView> {
  return (await apiSend<RegistrationView>('POST', `${districtsPath(district)}/registrations`, form))!
}

export function getRegistration(district: string, id: string): Promise<RegistrationView> {
  return apiGet<RegistrationView>(registrationPath(district, id))
}

/** Uploads one picture to a material's `uploadUrl`, reporting progress (0..1). */
export function uploadPicture(uploadUrl: string, body: Blob, onProgress: (fraction: number) => void): Promise<ImageView> {
  return uploadImage<ImageView>(uploadUrl, body, onProgress)
}

export async function deletePicture(image: ImageView): Promise<void> {
  await apiSend('DELETE', image.url)
}

/** Who of the staff looked at the registration (`url`: the registration's own). */
export function staffViews<T>(registrationUrl: string): Promise<T[]> {
  return apiGet<T[]>(`${registrationUrl}/views`)
}
