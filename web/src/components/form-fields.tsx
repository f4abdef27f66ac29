import { PasswordInput as GovukPasswordInput } from 'govuk-frontend';
import { Fragment, useRef, type HTMLInputAutoCompleteAttribute, type ReactNode } from 'react';

import { useGovukComponent } from '../lib/use-govuk-component';

/**
 * GOV.UK form fields (govuk-frontend 6 markup): a label (or legend), an optional hint, an
 * inline error message and the control, tied together with `aria-describedby`.
 */

function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = classes(...ids);
  return joined || undefined;
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  );
}

interface FieldProps {
  id: string;
  /** Defaults to the id. */
  name?: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

type InputWidth = '20' | '10' | '5' | '4' | '3' | '2' | 'full' | 'three-quarters' | 'two-thirds';

function widthClass(width: InputWidth | undefined): string | undefined {
  if (!width) return undefined;
  return /^\d+$/.test(width) ? `govuk-input--width-${width}` : `govuk-!-width-${width}`;
}

export interface TextInputProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'search';
  autoComplete?: HTMLInputAutoCompleteAttribute;
  spellCheck?: boolean;
  inputMode?: 'text' | 'numeric' | 'email';
  width?: InputWidth;
  className?: string;
  /** Shown after the box, like "%"; hidden from screen readers (say it in the label). */
  suffix?: string;
}

export function TextInput({
  id,
  name = id,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  autoComplete,
  spellCheck,
  inputMode,
  width,
  className,
  suffix,
}: TextInputProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const input = (
    <input
      className={classes(
        'govuk-input',
        widthClass(width),
        error && 'govuk-input--error',
        className,
      )}
      id={id}
      name={name}
      type={type}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      autoComplete={autoComplete}
      spellCheck={spellCheck}
      inputMode={inputMode}
      aria-describedby={describedBy(hintId, errorId)}
    />
  );
  return (
    <div className={classes('govuk-form-group', error && 'govuk-form-group--error')}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      {suffix ? (
        <div className="govuk-input__wrapper">
          {input}
          <div className="govuk-input__suffix" aria-hidden="true">
            {suffix}
          </div>
        </div>
      ) : (
        input
      )}
    </div>
  );
}

export interface PasswordInputProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
}

/**
 * The GOV.UK password input. govuk-frontend's script adds the "Show" button (hidden until the
 * script runs) and its screen reader announcements, and hides the password again on submit.
 */
export function PasswordInput({
  id,
  name = id,
  label,
  hint,
  error,
  value,
  onChange,
  autoComplete,
}: PasswordInputProps) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukComponent(ref, GovukPasswordInput);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div
      ref={ref}
      className={classes(
        'govuk-form-group',
        error && 'govuk-form-group--error',
        'govuk-password-input',
      )}
      data-module="govuk-password-input"
    >
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          className={classes(
            'govuk-input govuk-password-input__input govuk-js-password-input-input',
            error && 'govuk-input--error',
          )}
          id={id}
          name={name}
          type="password"
          spellCheck={false}
          autoComplete={autoComplete}
          autoCapitalize="none"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy(hintId, errorId)}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle"
          data-module="govuk-button"
          aria-controls={id}
          aria-label="Show password"
          hidden
        >
          Show
        </button>
      </div>
    </div>
  );
}

export interface SelectOption {
  value: string;
  text: string;
}

export interface SelectGroup {
  label: string;
  options: SelectOption[];
}

export interface SelectProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Shown first with an empty value, so nothing is chosen by accident. */
  placeholder?: string;
  options?: SelectOption[];
  groups?: SelectGroup[];
}

export function Select({
  id,
  name = id,
  label,
  hint,
  error,
  value,
  onChange,
  placeholder,
  options = [],
  groups = [],
}: SelectProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={classes('govuk-form-group', error && 'govuk-form-group--error')}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <select
        className={classes('govuk-select', error && 'govuk-select--error')}
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.text}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export interface RadioOption {
  value: string;
  text: string;
  hint?: string;
  /**
   * Fields revealed under the option while it is chosen (the GOV.UK conditional reveal). They
   * are drawn only then, so the same field may sit under two options without a clash of ids.
   */
  conditional?: ReactNode;
}

export interface RadiosProps {
  /** The first radio's id; later ones get `<name>-2`, `<name>-3`... as GOV.UK numbers them. */
  name: string;
  legend: string;
  legendSize?: 's' | 'm' | 'l';
  hint?: ReactNode;
  error?: string | undefined;
  options: RadioOption[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
}

export function Radios({
  name,
  legend,
  legendSize = 'm',
  hint,
  error,
  options,
  value,
  onChange,
  inline = false,
}: RadiosProps) {
  const hintId = hint ? `${name}-hint` : null;
  const errorId = error ? `${name}-error` : null;
  return (
    <div className={classes('govuk-form-group', error && 'govuk-form-group--error')}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>
          {legend}
        </legend>
        {hint && hintId ? <Hint id={hintId}>{hint}</Hint> : null}
        {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className={classes('govuk-radios', inline && 'govuk-radios--inline')}>
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${index + 1}`;
            const itemHintId = option.hint ? `${id}-item-hint` : undefined;
            const item = (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                  aria-describedby={itemHintId}
                  aria-controls={option.conditional ? `conditional-${id}` : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {option.text}
                </label>
                {option.hint ? (
                  <div id={itemHintId} className="govuk-hint govuk-radios__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
            if (!option.conditional) return item;
            const open = value === option.value;
            return (
              <Fragment key={option.value}>
                {item}
                <div
                  className={classes(
                    'govuk-radios__conditional',
                    !open && 'govuk-radios__conditional--hidden',
                  )}
                  id={`conditional-${id}`}
                >
                  {open ? option.conditional : null}
                </div>
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: DateParts = { day: '', month: '', year: '' };

/**
 * A GOV.UK date input: day, month and year in their own boxes. Returns YYYY-MM-DD, '' when
 * all three are empty, or null when the parts do not make a real date.
 */
export function isoDateFrom(parts: DateParts): string | null | '' {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

export function datePartsFrom(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return emptyDate;
  return { year: match[1] ?? '', month: String(Number(match[2])), day: String(Number(match[3])) };
}

export interface DateInputProps {
  /** The day box's id is `<id>-day`; link an error summary to it. */
  id: string;
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
}

export function DateInput({ id, legend, hint, error, value, onChange }: DateInputProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const parts: { key: keyof DateParts; label: string; width: string }[] = [
    { key: 'day', label: 'Day', width: '2' },
    { key: 'month', label: 'Month', width: '2' },
    { key: 'year', label: 'Year', width: '4' },
  ];
  return (
    <div className={classes('govuk-form-group', error && 'govuk-form-group--error')}>
      <fieldset
        className="govuk-fieldset"
        role="group"
        aria-describedby={describedBy(hintId, errorId)}
      >
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && hintId ? <Hint id={hintId}>{hint}</Hint> : null}
        {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className="govuk-date-input" id={id}>
          {parts.map((part) => (
            <div className="govuk-date-input__item" key={part.key}>
              <div className="govuk-form-group">
                <label
                  className="govuk-label govuk-date-input__label"
                  htmlFor={`${id}-${part.key}`}
                >
                  {part.label}
                </label>
                <input
                  className={classes(
                    'govuk-input govuk-date-input__input',
                    `govuk-input--width-${part.width}`,
                    error && 'govuk-input--error',
                  )}
                  id={`${id}-${part.key}`}
                  name={`${id}-${part.key}`}
                  type="text"
                  inputMode="numeric"
                  value={value[part.key]}
                  onChange={(event) => onChange({ ...value, [part.key]: event.target.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export interface TextareaProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  /** A bold label (the page's question) rather than a plain one. */
  labelSize?: 's' | 'm' | 'l';
}

export function Textarea({
  id,
  name = id,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 5,
  labelSize,
}: TextareaProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={classes('govuk-form-group', error && 'govuk-form-group--error')}>
      <label
        className={classes('govuk-label', labelSize && `govuk-label--${labelSize}`)}
        htmlFor={id}
      >
        {label}
      </label>
      {hint && hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <textarea
        className={classes('govuk-textarea', error && 'govuk-textarea--error')}
        id={id}
        name={name}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}

export interface CheckboxOption {
  value: string;
  text: string;
  hint?: string;
}

export interface CheckboxesProps {
  /** The first box's id; later ones get `<name>-2`, `<name>-3`... */
  name: string;
  legend: string;
  legendSize?: 's' | 'm' | 'l';
  hint?: ReactNode;
  error?: string | undefined;
  options: CheckboxOption[];
  values: string[];
  onChange: (values: string[]) => void;
  small?: boolean;
}

export function Checkboxes({
  name,
  legend,
  legendSize = 's',
  hint,
  error,
  options,
  values,
  onChange,
  small = false,
}: CheckboxesProps) {
  const hintId = hint ? `${name}-hint` : null;
  const errorId = error ? `${name}-error` : null;
  return (
    <div className={classes('govuk-form-group', error && 'govuk-form-group--error')}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>
          {legend}
        </legend>
        {hint && hintId ? <Hint id={hintId}>{hint}</Hint> : null}
        {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className={classes('govuk-checkboxes', small && 'govuk-checkboxes--small')}>
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${index + 1}`;
            const itemHintId = option.hint ? `${id}-item-hint` : undefined;
            const checked = values.includes(option.value);
            return (
              <div className="govuk-checkboxes__item" key={option.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  checked={checked}
                  onChange={() =>
                    onChange(
                      checked
                        ? values.filter((value) => value !== option.value)
                        : [...values, option.value],
                    )
                  }
                  aria-describedby={itemHintId}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {option.text}
                </label>
                {option.hint ? (
                  <div id={itemHintId} className="govuk-hint govuk-checkboxes__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export interface FileUploadProps extends FieldProps {
  accept?: string;
  onChange: (file: File | null) => void;
  /** Changes to empty the input (a file input cannot be set from a value). */
  resetKey?: number;
}

/** The GOV.UK file upload (the plain version: it works without govuk-frontend's script). */
export function FileUpload({
  id,
  name = id,
  label,
  hint,
  error,
  accept,
  onChange,
  resetKey,
}: FileUploadProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={classes('govuk-form-group', error && 'govuk-form-group--error')}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <input
        key={resetKey}
        className={classes('govuk-file-upload', error && 'govuk-file-upload--error')}
        id={id}
        name={name}
        type="file"
        accept={accept}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}
