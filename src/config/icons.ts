/**
 * Built-in icons: drawn with one stroked path on a 24 × 24 grid in `currentColor`, so they take the colour of the
 * text around them. Shown when the server sends no icon, or nothing drawable is left after sanitizing.
 */

import type { OverviewWidgetKey } from '../api/contract';

/** Names of the built-in icons: one per overview widget, and a generic one for a widget we do not know. */
export type FallbackIconName = OverviewWidgetKey | 'generic';

const CIRCLE = 'M21 12a9 9 0 1 1-18 0a9 9 0 1 1 18 0';

/** Path data of each built-in icon (stroke only, `stroke-width` 2, round caps). */
export const FALLBACK_ICON_PATHS: Readonly<Record<FallbackIconName, string>> = {
  // A calendar page with its two rings.
  all: 'M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM3 10h18M8 3v4M16 3v4',
  // A tick in a circle.
  completed: `${CIRCLE}M8 12.5l3 3l5.5-6`,
  // A cross in a circle.
  cancelled: `${CIRCLE}M9 9l6 6M15 9l-6 6`,
  // Two people, one behind the other.
  guests:
    'M12.5 8a3.5 3.5 0 1 1-7 0a3.5 3.5 0 1 1 7 0M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M19.5 9a2.5 2.5 0 1 1-5 0a2.5 2.5 0 1 1 5 0M16.5 14.2c2.6.4 4.5 2.8 4.5 5.8',
  // A person, crossed out beside.
  no_show:
    'M12.5 8a3.5 3.5 0 1 1-7 0a3.5 3.5 0 1 1 7 0M3 20c0-3.3 2.7-6 6-6c1.3 0 2.5.4 3.5 1.1M16 15l5 5M21 15l-5 5',
  // Three bars on a baseline.
  generic: 'M3 21h18M6 17v-6M12 17V5M18 17v-9',
};

/** Visual tone of a status or activity type: the four the tokens colour, and neutral for anything else. */
export type Tone = 'success' | 'info' | 'error' | 'warning' | 'neutral';

/** Path data of the activity type icons, one per tone (same grid and stroke as the built-in icons). */
export const TONE_ICON_PATHS: Readonly<Record<Tone, string>> = {
  success: FALLBACK_ICON_PATHS.completed,
  error: FALLBACK_ICON_PATHS.cancelled,
  // An "i" in a circle.
  info: `${CIRCLE}M12 11v5M12 8h.01`,
  // An exclamation mark in a triangle.
  warning: 'M10.3 4.2L2.6 18a2 2 0 0 0 1.7 3h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0zM12 9v4M12 17h.01',
  // A dot in a circle.
  neutral: `${CIRCLE}M12 12h.01`,
};
