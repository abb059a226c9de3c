export interface OutsideOfficeProps {
  /** Why the pane is not running: a plain browser, or Office.js did not load. */
  reason: 'browser' | 'office-unavailable';
  /** Where this page is served from (the manifest is beside it). */
  origin: string;
}
