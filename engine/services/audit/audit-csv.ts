/**
 * The audit log as CSV (RFC 4180), one page of rows at a time so an export of any size streams. Cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with a quote (OWASP CSV injection).
 */
import type { AuditRow } from '../../store/repositories/audit.repo.ts';

export const AUDIT_CSV_HEADER = 'id,time,actor_id,actor_email,action,target_type,target_id,address,details\r\n';

/** one CSV cell: quoted where needed, and a formula's first character neutralised */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditCsvRows(rows: AuditRow[]): string {
  return rows
    .map((row) =>
      [row.id, new Date(row.at).toISOString(), row.actor_id, row.actor_email, row.action, row.target_type, row.target_id, row.address, row.details]
        .map(csvCell)
        .join(','),
    )
    .map((line) => `${line}\r\n`)
    .join('');
}

/** the whole export: the header, then each page as it is read */
export async function* auditCsv(pages: AsyncGenerator<AuditRow[]>): AsyncGenerator<string> {
  yield AUDIT_CSV_HEADER;
  for await (const page of pages) yield auditCsvRows(page);
}
