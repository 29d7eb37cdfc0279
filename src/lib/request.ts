/**
 * The state of one request. Whether a panel is empty is not a request state: the panel's frame (`ReportPanel`) decides
 * it, once, from a successful request and the panel's own content.
 */
export type RequestStatus = 'idle' | 'loading' | 'success' | 'error';
