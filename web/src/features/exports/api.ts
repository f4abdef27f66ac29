import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportQuery, ImportReport } from '@tracker/shared';

import { apiPath, uploadWithProgress } from '../../lib/api-client';
import { planPath, refreshPlan } from '../../lib/queries/plans';

export const exportFormats = ['docx', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * Where the plan's file downloads from: the live plan, or a submitted version. A plain link
 * to it is enough, since the session cookie goes along and the server names the file.
 */
export function exportUrl(planId: string, format: ExportFormat, version?: number): string {
  return apiPath(`${planPath(planId)}/export`, { format, version });
}

/** The server's limit on an import (routes.ts); it answers 413 above it. */
export const importMaxBytes = 5 * 1024 * 1024;

/** What the file input offers: the export's two spreadsheet formats. */
export const importFileAccept =
  '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ImportAttempt {
  file: File;
  mode: ImportQuery['mode'];
}

/**
 * Sends a spreadsheet of actions: a dry run reports what it would do, "apply" does it, all
 * or nothing. Once something has been applied, everything showing the plan is read again.
 */
export function useImportActions(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: ImportAttempt) => {
      const form = new FormData();
      form.set('file', file, file.name);
      return uploadWithProgress<ImportReport>(
        apiPath(`${planPath(planId)}/imports`, { mode }),
        form,
        // A plan's spreadsheet is tens of kilobytes: it is sent in a moment, without a bar.
        () => undefined,
      );
    },
    onSuccess: (report) => {
      if (report.applied) refreshPlan(queryClient);
    },
  });
}
