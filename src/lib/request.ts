/** The state of one request as a panel shows it. `empty` is its own case: the request worked and found nothing. */
export type RequestStatus = 'idle' | 'loading' | 'success' | 'empty' | 'error';
