/** CSV text out (RFC 4180: quoted fields, doubled quotes, CRLF line ends, what Excel writes). */

function quote(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes rows as CSV text with CRLF line ends (what Excel writes). */
export function formatCsv(rows: (string | number | null | undefined)[][], delimiter = ','): string {
  let out = '';
  for (const row of rows) {
    out += row.map((v) => (v === null || v === undefined ? '' : quote(String(v), delimiter))).join(delimiter) + '\r\n';
  }
  return out;
}
