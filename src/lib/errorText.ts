/**
 * What a panel says when its request failed, in the user's language. The API layer has no i18n (its messages are
 * English, for logs); this maps its error kinds to translated sentences. A WP_Error's own message is kept: WordPress
 * has already translated it for the user.
 */
import type { ApiError } from '../api/errors';
import type { I18n } from '../i18n';

/** The translated, user-facing text of a failed request; '' when there is no error. */
export function errorText(error: ApiError | null | undefined, i18n: I18n): string {
  if (!error) return '';
  const { __, sprintf } = i18n;
  switch (error.kind) {
    case 'wp_error':
      if (error.code === 'rest_cookie_invalid_nonce') {
        return __('Your session has expired. Reload the page and log in again.');
      }
      return error.message;
    case 'not_json':
      return sprintf(
        __(
          'The server answered with something other than report data (status %d), usually a PHP error, a login page or maintenance mode. Check the site’s error log.',
        ),
        error.status,
      );
    case 'invalid_response':
      return __('The server sent reports in a shape this dashboard does not understand.');
    case 'network':
      return __('Could not reach the server. Check your connection and try again.');
    case 'timeout':
      return __('The server took too long to answer. Try again in a moment.');
    case 'http':
      return sprintf(__('The server answered with an error (status %d). Try again.'), error.status);
    default:
      return __('Something went wrong.');
  }
}
