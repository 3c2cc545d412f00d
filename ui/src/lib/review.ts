import { apiGet } from './api'
import type { ReviewContext } from './types'

/** The review API of the workbench, beside the registration's own page. */
export function fetchReviewContext(district: string, registrationId: string): Promise<ReviewContext> {
  return apiGet<ReviewContext>(`/api/v1/districts/${district}/registrations/${registrationId}/review-context`)
}
