import type zh from './zh-CN'

const en: typeof zh = {
  app: { title: 'Medical licensing exam · material review', short: 'Shenhe' },
  nav: {
    public: 'Districts', candidate: 'My registrations', review: 'Review workbench', admin: 'District admin', national: 'National',
    login: 'Sign in', logout: 'Sign out', language: '中文', languageLabel: 'Switch to Chinese',
  },
  common: { loading: 'Loading…', retry: 'Retry', cancel: 'Cancel', confirm: 'OK', close: 'Close', error: 'Error: {msg}', save: 'Save', none: 'None' },
  mode: { ONLINE: 'Online review', ON_SITE: 'On-site review' },
  public: {
    title: 'Review mode and required materials by district',
    intro: 'Each district publishes its review mode, upload window and required materials (with sample images). No sign-in needed.',
    window: 'Upload window', sites: 'Exam sites', examYear: 'Exam year', requirements: 'Required materials', category: 'Exam category',
  },
  rule: {
    formats: 'Formats: {formats}', size: 'At most {size} each', fixed: 'Exactly {n} images', range: '{min}–{max} images',
    upTo: 'Up to {max} images', optional: 'Optional', required: 'Required', upright: 'Keep the picture upright, not flipped or rotated; true, accurate, complete and clear.',
  },
  sample: 'Sample image',
  candidate: {
    title: 'My registrations', none: 'You have not registered yet. Fill in the registration first.', open: 'Upload materials',
    district: 'District', noDistrict: 'Your account has no district; contact your district administrator.',
  },
  register: {
    title: 'Register', examYear: 'Exam year', category: 'Exam category', site: 'Exam site', submit: 'Register and upload materials',
    choose: 'Choose', done: 'Registered: now upload your material images',
  },
  upload: {
    title: 'Upload material images', comments: 'Review comments', noComments: 'No review comments', button: 'Upload image',
    count: '{count}/{max} uploaded', full: 'Limit reached', preparing: 'Shrinking the photo…', uploading: 'Uploading…',
    failed: 'Upload failed: {msg}', unsupported: 'This file type is not supported: upload a {formats} image.',
    cannotShrink: 'The photo cannot be shrunk under {size}: please take it again.', resized: 'Shrunk automatically: {from} → {to}',
    delete: 'Delete image', deleteConfirm: 'Delete this image? You can upload another one.', deleted: 'Deleted',
    locked: 'Approved and locked', changes: 'Changes requested', submitted: 'Submitted, awaiting review', closed: 'Materials cannot be changed now',
    watermark: 'A watermark on the image means it has been submitted: there is nothing else to submit.', rules: 'Rules', dismiss: 'Dismiss',
    status: 'Status', candidate: 'Candidate', site: 'Exam site', category: 'Exam category', back: 'Back to my registrations', image: '{type}, image {n}',
    inPerson: 'This district reviews in person: once your materials are complete, bring the originals to your exam site at your appointment.',
    uploaded: 'Uploaded', changedSinceReview: 'Changed since review',
  },
  appointment: {
    title: 'On-site review appointment', yours: 'Booked: {date} {start}–{end}. Bring the originals to your exam site.', cancel: 'Cancel',
    completeFirst: 'Upload every required material first, then book a time.', remaining: '{n} places left', book: 'Book', booked: 'Booked',
    move: 'Move here', moved: 'Appointment moved', cancelled: 'Appointment cancelled', yourSlot: 'Your appointment', closed: 'Booking closed',
    checkedIn: 'Checked in at your appointment on {date} {start}–{end}.',
  },
  review: {
    title: 'Review workbench', level: 'Review level', SITE: 'Exam site', DISTRICT: 'District', waiting: '{n} waiting',
    claimNext: 'Claim next', empty: 'Nobody is waiting for review', candidate: 'Candidate', site: 'Site', queuedAt: 'Queued at',
    claimedBy: 'Claimed by', release: 'Release', approve: 'Approve', requestChanges: 'Request changes', comment: 'Comment',
    commentPlaceholder: 'Comment to the candidate (required for “request changes”)', internal: 'Internal note (not shown to the candidate)',
    outcome: 'Outcome', PASS: 'Pass (site)', RETURN: 'Return for changes', APPROVE: 'Approve', REJECT: 'Reject', keep: 'Save comments only',
    reason: 'Reason', submit: 'Submit review', submitted: 'Review submitted', help: 'Keyboard shortcuts',
    keys: { j: 'Next image', k: 'Previous image', a: 'Approve the current image', c: 'Comment on the current image', n: 'Next candidate', help: 'Show/hide this help' },
    searchButton: 'Search', notAvailable: 'The review API is not available yet: {msg}', search: 'Search candidates or comments', changed: 'Changed',
  },
  admin: { title: 'District administration', config: 'Configuration', versions: 'Versions', notAvailable: 'The configuration API is not available yet: {msg}', saved: 'Saved' },
  national: { title: 'National review progress', byDistrict: 'Registrations by district and status', notAvailable: 'The national API is not available yet: {msg}' },
  status: { FILLING: 'Filling in', SITE_PASSED: 'Passed at site', APPROVED: 'Approved', REJECTED: 'Rejected' },
  notifications: { title: 'Notifications ({n} unread)', none: 'No notifications' },
  viewer: {
    tools: 'Picture tools', zoomIn: 'Zoom in', zoomOut: 'Zoom out', level: 'Zoom level', rotateLeft: 'Rotate left 90°', rotateRight: 'Rotate right 90°',
    reset: 'Reset view', fullscreen: 'Full screen', exitFullscreen: 'Exit full screen', turned: 'Turned {deg}° (view only: the picture is unchanged)',
    keys: { zoom: 'Zoom in / out', rotate: 'Rotate right / left 90° (view only)', reset: 'Reset the view', fullscreen: 'Full screen on / off' },
  },
  onsite: {
    title: 'On-site review', day: 'Day', today: 'today', noSlots: 'This site has no on-site review slots that day.', nobody: 'Nobody booked',
    booked: '{n}/{capacity} booked', checkIn: 'Check in', open: 'Continue', checkedIn: '{name} checked in: check the originals',
    status: { BOOKED: 'Booked', CHECKED_IN: 'Checked in' },
    appointment: 'Slot: {date} {start}–{end}', notCheckedIn: 'The candidate has not been checked in: check them in from the on-site list first.',
    results: 'Originals checked', seen: 'Originals match', problem: 'Problem', seenKey: 'Originals match (a)', problemKey: 'Problem (c)',
    alreadySeen: 'Already checked', images: '{n} images', problemComment: 'What is wrong (shown to the candidate, required)', pending: 'Not recorded',
  },
  notFound: 'Page not found',
  forbidden: 'You may not open this page',
}
export default en
