export { OutsideOffice, SIDELOAD_DOCS } from './OutsideOffice';
export type { OutsideOfficeProps } from './OutsideOffice.types';
