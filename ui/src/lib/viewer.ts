/** Zoom limits of the workbench viewer: 50 % to 800 %, buttons step by a quarter. */
export const ZOOM_MIN = 0.5
export const ZOOM_MAX = 8
export const ZOOM_STEP = 1.25

export function clampZoom(z: number): number {
  const c = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, z))
  // Snap near 100 % so wheel steps land back on the natural size.
  return Math.abs(c - 1) < 0.02 ? 1 : c
}

/** The scale that keeps a stage-filling picture inside the stage once it is turned a quarter. */
export function fitWhenTurned(width: number, height: number): number {
  return Math.min(width / height, height / width)
}
