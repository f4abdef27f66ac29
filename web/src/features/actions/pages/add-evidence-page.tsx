import { evidenceFileAccept, type Action, type EvidenceKind } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { FormButtons, FormPage } from '../../../components/form-page';
import {
  DateInput,
  FileUpload,
  Radios,
  TextInput,
  Textarea,
  emptyDate,
  isoDateFrom,
  type DateParts,
} from '../../../components/form-fields';
import { QueryState } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { formatBytes } from '../../../lib/format';
import { apiErrors, type FieldErrors, useFormErrors } from '../../../lib/form-errors';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/use-page-title';
import { useAddLinkOrNote, useUploadEvidence } from '../api';
import { useActionContext } from '../components/use-action-context';
import { type NoticeState } from '../../../lib/notice';

const pageTitle = 'Add evidence';
/** The server's default limit (EVIDENCE_MAX_BYTES); it answers 413 above its own setting. */
const defaultMaxBytes = 20 * 1024 * 1024;

const fieldOrder = [
  { name: 'kind' },
  { name: 'title' },
  { name: 'file' },
  { name: 'url' },
  { name: 'note' },
  { name: 'periodStart', href: '#periodStart-day' },
  { name: 'periodEnd', href: '#periodEnd-day' },
];
const fieldLabels = {
  kind: 'Kind of evidence',
  title: 'Title',
  file: 'File',
  url: 'Web address',
  note: 'Note',
  periodStart: 'Start of the period',
  periodEnd: 'End of the period',
};

export function AddEvidencePage() {
  const { actionId = '' } = useParams();
  const { ready, queries } = useActionContext(actionId);
  usePageTitle(ready ? pageTitle : undefined);
  if (!ready) return <QueryState queries={queries} what="action" />;
  if (!ready.allowed.addEvidence) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">You cannot add evidence to this action</h1>
          <p className="govuk-body">
            {ready.action.owningUnit.name} and the action&rsquo;s lead add its evidence.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={paths.action(ready.action.id)}>
              Back to the action
            </Link>
          </p>
        </div>
      </div>
    );
  }
  return <AddEvidenceForm action={ready.action} />;
}

function AddEvidenceForm({ action }: { action: Action }) {
  const navigate = useNavigate();
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useUploadEvidence(action.id, setProgress);
  const addLinkOrNote = useAddLinkOrNote(action.id);
  const [kind, setKind] = useState<EvidenceKind | ''>('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [periodStart, setPeriodStart] = useState<DateParts>(emptyDate);
  const [periodEnd, setPeriodEnd] = useState<DateParts>(emptyDate);
  const form = useFormErrors(fieldOrder);
  usePageTitle(pageTitle, form.items.length > 0);
  const busy = upload.isPending || addLinkOrNote.isPending;

  const fail = (fields: FieldErrors, other: string[] = []) => {
    form.fail(fields, other);
    setProgress(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const errors: FieldErrors = {};
    if (!kind) errors.kind = 'Select the kind of evidence';
    if (!title.trim()) errors.title = 'Enter a title for the evidence';
    if (kind === 'file') {
      if (!file) errors.file = 'Select a file';
      else if (file.size === 0) errors.file = 'The selected file is empty';
      else if (file.size > defaultMaxBytes)
        errors.file = 'The selected file must be smaller than 20 MB';
    }
    if (kind === 'link') {
      if (!url.trim()) errors.url = 'Enter the web address';
      else if (!/^https?:\/\/\S+$/i.test(url.trim())) {
        errors.url = 'Enter a web address that starts with https:// or http://';
      }
    }
    if (kind === 'note' && !note.trim()) errors.note = 'Enter the note';
    const start = isoDateFrom(periodStart);
    const end = isoDateFrom(periodEnd);
    if (start === null)
      errors.periodStart = 'Start of the period must be a real date, like 1 4 2026';
    if (end === null) errors.periodEnd = 'End of the period must be a real date, like 30 6 2026';
    if (start && end && end < start) {
      errors.periodEnd = 'End of the period must be the same as or after the start';
    }
    if (Object.keys(errors).length > 0 || !kind) {
      fail(errors);
      return;
    }
    const period = { ...(start ? { periodStart: start } : {}), ...(end ? { periodEnd: end } : {}) };
    const state: NoticeState = { notice: `Evidence added: ${title.trim()}` };
    try {
      if (kind === 'file' && file) {
        setProgress(0);
        const added = await upload.mutateAsync({ file, title: title.trim(), ...period });
        // The server renames a file whose name does not match its content; say so.
        if (added.fileNameNotice) state.detail = added.fileNameNotice;
      } else if (kind === 'link') {
        await addLinkOrNote.mutateAsync({ kind, title: title.trim(), url: url.trim(), ...period });
      } else if (kind === 'note') {
        await addLinkOrNote.mutateAsync({
          kind,
          title: title.trim(),
          note: note.trim(),
          ...period,
        });
      }
      navigate(paths.action(action.id), { state });
    } catch (error) {
      if (isApiError(error) && error.status === 413) {
        fail({ file: 'The selected file is too large for the service to accept' });
        return;
      }
      if (isApiError(error) && error.status === 415) {
        fail({
          file: 'The selected file must be a PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file',
        });
        return;
      }
      const { fields, other } = apiErrors(error, fieldLabels);
      fail(fields, other);
    }
  };

  return (
    <FormPage back={{ to: paths.action(action.id), text: 'Back to the action' }} errors={form}>
      <span className="govuk-caption-l">{action.title}</span>
      <h1 className="govuk-heading-l">{pageTitle}</h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          id="title"
          label="Title"
          hint="What it shows, for example, Minutes of the March staffing review."
          value={title}
          onChange={setTitle}
          error={form.fields.title}
        />
        <Radios
          name="kind"
          legend="What kind of evidence is it?"
          legendSize="s"
          value={kind}
          onChange={(value) => setKind(value as EvidenceKind)}
          error={form.fields.kind}
          options={[
            {
              value: 'file',
              text: 'A file',
              hint: 'PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG, up to 20 MB.',
              conditional: (
                <FileUpload
                  id="file"
                  label="Upload a file"
                  accept={evidenceFileAccept}
                  onChange={setFile}
                  error={form.fields.file}
                />
              ),
            },
            {
              value: 'link',
              text: 'A link to a web page',
              hint: 'For example, a page on the intranet. The service does not open it.',
              conditional: (
                <TextInput
                  id="url"
                  label="Web address"
                  type="text"
                  spellCheck={false}
                  value={url}
                  onChange={setUrl}
                  error={form.fields.url}
                />
              ),
            },
            {
              value: 'note',
              text: 'A note',
              conditional: (
                <Textarea
                  id="note"
                  label="Note"
                  value={note}
                  onChange={setNote}
                  error={form.fields.note}
                />
              ),
            },
          ]}
        />
        <DateInput
          id="periodStart"
          legend="Start of the period it covers (optional)"
          hint="For example, 1 4 2026"
          value={periodStart}
          onChange={setPeriodStart}
          error={form.fields.periodStart}
        />
        <DateInput
          id="periodEnd"
          legend="End of the period it covers (optional)"
          hint="For example, 30 6 2026"
          value={periodEnd}
          onChange={setPeriodEnd}
          error={form.fields.periodEnd}
        />
        {progress !== null ? (
          <div className="govuk-form-group" data-testid="upload-progress">
            <label className="govuk-label" htmlFor="upload-progress">
              Uploading {file?.name}
              {file ? ` (${formatBytes(file.size)})` : ''}
            </label>
            <progress
              id="upload-progress"
              className="app-progress"
              max={100}
              value={Math.round(progress * 100)}
            >
              {Math.round(progress * 100)}%
            </progress>
            <p className="govuk-body-s" role="status">
              {Math.round(progress * 100)}% uploaded
            </p>
          </div>
        ) : null}
        <FormButtons submit="Add evidence" cancelTo={paths.action(action.id)} busy={busy} />
      </form>
    </FormPage>
  );
}
