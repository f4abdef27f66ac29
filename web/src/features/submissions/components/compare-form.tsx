import type { PlanVersionSummary } from '@tracker/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

import { Fieldset, Select, type SelectOption } from '../../../components/form-fields';
import { paths } from '../../../lib/paths';
import { versionKindNames } from '../rules';
import { formatDayOf } from './field-words';

const live = 'live';

function versionOption(version: PlanVersionSummary): SelectOption {
  const kind = versionKindNames[version.kind].toLowerCase();
  return {
    value: String(version.number),
    text: `Version ${version.number} (${kind}, ${formatDayOf(version.submittedAt)})`,
  };
}

/**
 * Two lists to choose any two versions (or a version and the live plan, for those who may see
 * it), leading to the page of what changed between them. The second list never offers what
 * the first has chosen, so there is no wrong choice to report.
 */
export function CompareForm({
  planId,
  versions,
  withLive,
}: {
  planId: string;
  /** Newest first. */
  versions: PlanVersionSummary[];
  withLive: boolean;
}) {
  const navigate = useNavigate();
  const options = versions.map(versionOption);
  const targets = withLive
    ? [{ value: live, text: 'The live plan, as it is now' }, ...options]
    : options;
  const [from, setFrom] = useState(options[withLive ? 0 : 1]?.value ?? '');
  const [to, setTo] = useState(targets[0]?.value ?? '');
  const otherTargets = targets.filter((option) => option.value !== from);

  const chooseFrom = (value: string) => {
    setFrom(value);
    if (value === to) setTo(targets.find((option) => option.value !== value)?.value ?? '');
  };
  const compare = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(paths.planDiff(planId, Number(from), to === live ? live : Number(to)));
  };

  if (targets.length < 2) {
    return <p className="govuk-body">There is only one version, so nothing to compare it with.</p>;
  }
  return (
    <form noValidate onSubmit={compare}>
      <Fieldset
        id="compare"
        legend={<h2 className="govuk-fieldset__heading">Compare two versions</h2>}
        legendSize="m"
      >
        <Select
          id="compareFrom"
          label="From"
          value={from}
          onChange={chooseFrom}
          options={options}
        />
        <Select id="compareTo" label="To" value={to} onChange={setTo} options={otherTargets} />
      </Fieldset>
      <button
        type="submit"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
      >
        Compare
      </button>
    </form>
  );
}
