import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';

import { Select } from './form-fields';

/**
 * A list's status filter: a select of the statuses (or all) that puts the choice in the
 * address, so the filtered list can be linked to and starts again at its first page.
 */
export function StatusFilter<Status extends string>({
  label,
  statuses,
  nameOf,
  current,
}: {
  /** What is filtered, for the form's accessible name, e.g. "emails". */
  label: string;
  statuses: readonly Status[];
  nameOf: (status: Status) => string;
  current: Status | undefined;
}) {
  const [, setSearchParams] = useSearchParams();
  const [chosen, setChosen] = useState<string>(current ?? '');
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearchParams(chosen ? { status: chosen } : {});
  };
  return (
    <form noValidate onSubmit={apply} aria-label={`Filter ${label}`}>
      <Select
        id="status"
        label="Status"
        options={[
          { value: '', text: 'All' },
          ...statuses.map((value) => ({ value, text: nameOf(value) })),
        ]}
        value={chosen}
        onChange={setChosen}
      />
      <button
        type="submit"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
      >
        Apply filter
      </button>
    </form>
  );
}
