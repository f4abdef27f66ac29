import { useState } from 'react';

/**
 * A secondary button that copies some text to the clipboard, with a status message for
 * screen readers. Where the browser does not allow it, the text stays on the page to copy
 * by hand.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied');
    } catch {
      setStatus('Could not copy: select the text and copy it yourself');
    }
  };
  return (
    <div className="govuk-button-group">
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
        onClick={() => void copy()}
      >
        {label}
      </button>
      <p className="govuk-body govuk-!-margin-bottom-0" role="status">
        {status}
      </p>
    </div>
  );
}
