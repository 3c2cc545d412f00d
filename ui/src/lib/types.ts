export interface LocalizedText { zh: string; en: string }

export interface Site { code: string; name: LocalizedText }
export interface Category { code: string; name: LocalizedText }
export interface District {
  code: string; name: LocalizedText; examYear: number; reviewMode: 'ONLINE' | 'ON_SITE' | string
  uploadOpens: string; uploadCloses: string; sites: Site[]; categories: Category[]
  reviewModeName?: LocalizedText; inPerson?: boolean; publishOutcomes?: string; commentTemplates?: LocalizedText[]
}
export interface Requirement {
  code: string; name: LocalizedText; hint?: LocalizedText | null; sampleUrl: string | null
  minImages: number; maxImages: number; fixedCount: boolean; required: boolean
  formats: string[]; maxBytes: number
}
/** What an upload check found on a stored picture (照片模糊 ...): `code` for filters, `message` for people. */
export interface CheckFinding { code: string; severity: 'warning' | string; message: LocalizedText }
export interface ImageView {
  id: string; url: string; materialType: string; state: 'SUBMITTED' | 'APPROVED' | 'CHANGES_REQUESTED' | string
  locked: boolean; width: number; height: number; bytes: number; uploadedAt: string; warnings: string[]
  findings?: CheckFinding[]; changedSinceReview?: boolean; comment?: string | null
  /** Other candidates' pictures that look the same (reviewers and admins only). */
  reuse?: ReuseFlag[]
}
/** Another candidate's picture within the reuse threshold; named (with its picture) only within the caller's scope. */
export interface ReuseFlag {
  named: boolean; otherDistrict: string; otherRegistration: string | null; otherImage: string | null
  otherImageUrl: string | null; otherMaterialType: string; distance: number; foundAt: string
}
export interface ReuseSide { district: string; site: string; registration: string; image: string; materialType: string; imageUrl: string }
export interface ReuseReport { generatedAt: string; total: number; pairs: { first: ReuseSide; second: ReuseSide; distance: number; foundAt: string }[] }
export interface MaterialSlot extends Requirement {
  count: number; complete: boolean; canUpload: boolean; uploadUrl: string; images: ImageView[]
}
export interface CommentView {
  id: string; level: string; materialType: string | null; imageId: string | null; body: string
  author: string; createdAt: string; open: boolean; visibility?: string
}
export interface RegistrationView {
  id: string; district: string; site: string; siteName: LocalizedText; examYear: number
  category: string; categoryName: LocalizedText; status: 'FILLING' | 'SITE_PASSED' | 'APPROVED' | 'REJECTED' | string
  statusLabel: LocalizedText; candidateName: string; createdAt: string; updatedAt: string
  complete: boolean; acceptsChanges: boolean; comments: CommentView[]; materials: MaterialSlot[]
  rejectReason?: string | null; inPerson?: boolean
  appointment?: Appointment | null
  review?: { status: string; publishedStatus: string | null; queueLevel: string | null; queuedAt: string | null; claimedBy: string | null; claimExpiresAt: string | null; claimedByMe: boolean } | null
}
export interface RegistrationSummary {
  id: string; site: string; examYear: number; category: string; status: string
  statusLabel: LocalizedText; candidateName: string; createdAt: string; url: string
}
export interface Problem {
  type?: string; title?: string; status?: number; detail?: string; code?: string
  messages?: Record<string, string>
}

export interface QueueItem {
  registrationId: string; candidateName: string; site: string; category: string; queuedAt: string
  claimedBy: string | null; claimExpiresAt: string | null; claimedByMe?: boolean; changedSinceReview: boolean
  qualityWarnings?: boolean; url: string
}
export interface QueueView { level: string; site?: string | null; waiting: number; available?: number; claimedByMe?: number; items: QueueItem[] }
export interface Claim { registrationId: string; level: string; claimedBy?: string; expiresAt: string; url?: string }

/** An on-site slot (现场审核时段); `remaining` is -1 where the count is not given. */
export interface Slot { id: string; site: string; date: string; start: string; end: string; capacity: number; booked: number; remaining: number; open: boolean }
export interface Appointment {
  registrationId: string; candidateName?: string; slot: Slot; status: 'BOOKED' | 'CHECKED_IN' | string; bookedAt: string; checkedInAt: string | null
}

/** The workbench's context of a registration (staff only): `GET .../registrations/{r}/review-context`. */
export interface ReviewContext {
  identity: {
    name: string; idNumber: string | null; birthDate: string | null; sex: 'MALE' | 'FEMALE' | null
    checksumValid: boolean | null; phone: string | null
  }
  decisions: { at: string; level: string; actor: string; role: string; outcome: string | null; approved: number; changesRequested: number }[]
  changes: { since: string | null; added: string[]; removed: { imageId: string; materialType: string; at: string }[] }
}
