/**
 * The dashboard's buttons, one look each and one size: every style has the same box (a border,
 * transparent where the fill is the colour), so buttons side by side line up. Dark mode turns
 * the neutral scale around; the 600 shades stay.
 */
const BOX = "rounded-md border px-3 py-1.5 text-sm shadow-xs disabled:opacity-50";

export const PRIMARY = `${BOX} border-transparent bg-indigo-600 font-semibold text-white hover:bg-indigo-500`;
export const SECONDARY = `${BOX} border-slate-300 bg-white font-medium text-slate-700 hover:bg-slate-50`;
export const DANGER = `${BOX} border-red-200 bg-white font-medium text-red-700 hover:bg-red-50`;
/** The confirmation of something that cannot be undone. */
export const DANGER_CONFIRM = `${BOX} border-transparent bg-red-600 font-semibold text-white hover:bg-red-500`;
