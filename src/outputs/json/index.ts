/** The JSON writer: the `--json` document. */
export { codingJson, type JsonMeta } from './codingJson';
