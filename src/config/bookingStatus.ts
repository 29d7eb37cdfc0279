/**
 * How each booking status reads and looks. A real site may send statuses this list does not know: those show their
 * raw text in the neutral style.
 */
import type { BookingStatus } from '../api/contract';
import type { I18n } from '../i18n';
import type { Tone } from './icons';

/** A status as a badge shows it. */
export interface StatusBadge {
  /** Translated label, or the raw status for an unknown one. */
  label: string;
  /** Colour of the badge. */
  tone: Tone;
}

const STATUS_TONES: Readonly<Record<BookingStatus, Tone>> = {
  scheduled: 'info',
  completed: 'success',
  cancelled: 'error',
  rejected: 'error',
  pending: 'warning',
  reserved: 'neutral',
  no_show: 'warning',
  rescheduled: 'info',
};

/** Translated label of a known status; `undefined` for anything else. */
function knownStatusLabel(status: string, { __ }: Pick<I18n, '__'>): string | undefined {
  switch (status) {
    case 'scheduled':
      return __('Scheduled');
    case 'completed':
      return __('Completed');
    case 'cancelled':
      return __('Cancelled');
    case 'rejected':
      return __('Rejected');
    case 'pending':
      return __('Pending');
    case 'reserved':
      return __('Reserved');
    case 'no_show':
      return __('No-show');
    case 'rescheduled':
      return __('Rescheduled');
    default:
      return undefined;
  }
}

/**
 * The badge of a booking status: a translated label and a tone for the known ones, the raw text and the neutral
 * tone for any other.
 *
 * @param status The booking's `status` as the server sent it.
 * @param i18n The app's translate functions.
 */
export function bookingStatusBadge(status: unknown, i18n: Pick<I18n, '__'>): StatusBadge {
  const raw = typeof status === 'string' ? status : String(status ?? '');
  const label = knownStatusLabel(raw, i18n);
  if (label === undefined) return { label: raw, tone: 'neutral' };
  return { label, tone: STATUS_TONES[raw as BookingStatus] };
}
