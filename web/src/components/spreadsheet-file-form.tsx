import type { FormEvent } from 'react';

import { accept } from '../lib/spreadsheet-file';
import { FileUpload } from './form-fields';

/** The file field and "Check the file" of a spreadsheet import (see useSpreadsheetImport). */
export function SpreadsheetFileForm({
  label,
  check,
  fileField,
  hint = 'An Excel workbook (.xlsx) or a CSV file, smaller than 5 MB.',
  accepts = accept,
}: {
  label: string;
  /** What the file must be; the letter, of several sheets, takes a workbook only. */
  hint?: string;
  accepts?: string;
  check: (event: FormEvent<HTMLFormElement>) => void;
  fileField: {
    onChange: (chosen: File | null) => void;
    resetKey: number;
    error: string | undefined;
  };
}) {
  return (
    <form noValidate onSubmit={check}>
      <FileUpload id="file" label={label} hint={hint} accept={accepts} {...fileField} />
      <button
        type="submit"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
      >
        Check the file
      </button>
    </form>
  );
}
