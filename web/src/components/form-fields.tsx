import { PasswordInput as GovukPasswordInput } from 'govuk-frontend';
import {
  Fragment,
  useRef,
  type HTMLInputAutoCompleteAttribute,
  type ReactNode,
  type Ref,
} from 'react';

import { useGovukComponent } from '../lib/use-govuk-component';

/**
 * GOV.UK form fields (govuk-frontend 6 markup): a label (or legend), an optional hint, an
 * inline error message and the control, tied together with `aria-describedby`.
 */

function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

/** A control's (or fieldset's) `aria-describedby`: the hint and error message `Messages` draws. */
function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return classes(hint ? `${id}-hint` : null, error ? `${id}-error` : null) || undefined;
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

/** The optional hint and inline error message under a label or legend. */
function Messages({ id, hint, error }: { id: string; hint: ReactNode; error: string | undefined }) {
  return (
    <>
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
    </>
  );
}

interface LabelledFieldProps {
  id: string;
  label: string;
  labelSize?: 's' | 'm' | 'l' | undefined;
  hint?: ReactNode;
  error?: string | undefined;
  /** More classes, a ref and a govuk-frontend module for the form group. */
  className?: string;
  ref?: Ref<HTMLDivElement>;
  dataModule?: string;
  children: ReactNode;
}

/** A form group with one control: its label, an optional hint and an inline error message. */
function LabelledField({
  id,
  label,
  labelSize,
  hint,
  error,
  className,
  ref,
  dataModule,
  children,
}: LabelledFieldProps) {
  return (
    <div
      ref={ref}
      className={classes('govuk-form-group', error && 'govuk-form-group--error', className)}
      data-module={dataModule}
    >
      <label
        className={classes('govuk-label', labelSize && `govuk-label--${labelSize}`)}
        htmlFor={id}
      >
        {label}
      </label>
      <Messages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
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
      aria-describedby={describedBy(id, hint, error)}
    />
  );
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
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
    </LabelledField>
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
  return (
    <LabelledField
      id={id}
      label={label}
      hint={hint}
      error={error}
      ref={ref}
      className="govuk-password-input"
      dataModule="govuk-password-input"
    >
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
          aria-describedby={describedBy(id, hint, error)}
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
    </LabelledField>
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
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        className={classes('govuk-select', error && 'govuk-select--error')}
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
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
    </LabelledField>
  );
}

export interface FieldsetProps {
  /** Names the hint and error message: `<id>-hint`, `<id>-error`. */
  id: string;
  /** Text, or a `govuk-fieldset__heading` when the legend is the page's or section's heading. */
  legend: ReactNode;
  legendSize: 's' | 'm' | 'l';
  hint?: ReactNode;
  error?: string | undefined;
  /** `group` for a set of inputs that make one answer, like a date's day, month and year. */
  role?: 'group';
  children: ReactNode;
}

/**
 * A GOV.UK fieldset in its form group: the legend, an optional hint and an inline error message
 * (described by both), then the controls.
 */
export function Fieldset({ id, legend, legendSize, hint, error, role, children }: FieldsetProps) {
  return (
    <div className={classes('govuk-form-group', error && 'govuk-form-group--error')}>
      <fieldset
        className="govuk-fieldset"
        role={role}
        aria-describedby={describedBy(id, hint, error)}
      >
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>
          {legend}
        </legend>
        <Messages id={id} hint={hint} error={error} />
        {children}
      </fieldset>
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
  return (
    <Fieldset id={name} legend={legend} legendSize={legendSize} hint={hint} error={error}>
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
    </Fieldset>
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
  const parts: { key: keyof DateParts; label: string; width: string }[] = [
    { key: 'day', label: 'Day', width: '2' },
    { key: 'month', label: 'Month', width: '2' },
    { key: 'year', label: 'Year', width: '4' },
  ];
  return (
    <Fieldset id={id} role="group" legend={legend} legendSize="s" hint={hint} error={error}>
      <div className="govuk-date-input" id={id}>
        {parts.map((part) => (
          <div className="govuk-date-input__item" key={part.key}>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${part.key}`}>
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
    </Fieldset>
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
  return (
    <LabelledField id={id} label={label} labelSize={labelSize} hint={hint} error={error}>
      <textarea
        className={classes('govuk-textarea', error && 'govuk-textarea--error')}
        id={id}
        name={name}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
      />
    </LabelledField>
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
  return (
    <Fieldset id={name} legend={legend} legendSize={legendSize} hint={hint} error={error}>
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
    </Fieldset>
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
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <input
        key={resetKey}
        className={classes('govuk-file-upload', error && 'govuk-file-upload--error')}
        id={id}
        name={name}
        type="file"
        accept={accept}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
        aria-describedby={describedBy(id, hint, error)}
      />
    </LabelledField>
  );
}
