import { isSupported } from 'govuk-frontend';
import { useEffect, type RefObject } from 'react';

interface GovukComponentClass<E extends Element> {
  new (root: E): unknown;
  moduleName: string;
}

/**
 * Initialises a GOV.UK Frontend component on the element once. govuk-frontend throws when
 * the same element is initialised twice, which React's StrictMode double effects and
 * re-renders would otherwise do; the component's own `data-<module>-init` marker says it
 * has already been done.
 */
export function useGovukComponent<E extends Element>(
  ref: RefObject<E | null>,
  Component: GovukComponentClass<E>,
): void {
  useEffect(() => {
    const root = ref.current;
    if (!root || !isSupported()) return;
    if (root.hasAttribute(`data-${Component.moduleName}-init`)) return;
    new Component(root);
  }, [ref, Component]);
}
