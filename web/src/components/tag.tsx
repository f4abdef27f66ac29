import type { TagLabel } from '../lib/labels';

/**
 * A GOV.UK tag. It always shows its words: colour only reinforces them (WCAG 1.4.1).
 * Blue is the tag's default colour, so it needs no modifier class.
 */
export function Tag({ label, className }: { label: TagLabel; className?: string }) {
  const classes = ['govuk-tag'];
  if (label.colour !== 'blue') classes.push(`govuk-tag--${label.colour}`);
  if (className) classes.push(className);
  return <strong className={classes.join(' ')}>{label.text}</strong>;
}
