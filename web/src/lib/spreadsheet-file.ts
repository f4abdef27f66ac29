import { isApiError } from './api-client';
import { apiErrors } from './form-errors';

/** The server's limit for an import file. */
export const maxBytes = 5 * 1024 * 1024;
export const accept =
  '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Checks a chosen file before it is sent: the server checks again. */
export function checkFile(file: File | null): string | null {
  if (!file) return 'Select a spreadsheet file';
  if (!/\.(xlsx|csv)$/i.test(file.name))
    return 'The selected file must be an Excel workbook (.xlsx) or a CSV file';
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > maxBytes) return 'The selected file must be smaller than 5 MB';
  return null;
}

/** The server's refusal of the whole file, as a message for the file field or the summary. */
export function refusal(error: unknown): { file?: string; other: string[] } {
  if (isApiError(error) && error.status === 413)
    return { file: 'The selected file must be smaller than 5 MB', other: [] };
  const { fields, other } = apiErrors(error, { file: 'The selected file' });
  return fields.file ? { file: fields.file, other } : { other };
}
