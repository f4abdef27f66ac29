/**
 * Moves focus to <main> after a page's content changes in place (a form replaced by its
 * confirmation), as a new page would, so screen readers start at the new heading. Called
 * after React has drawn the change.
 */
export function focusMainSoon(): void {
  window.setTimeout(() => {
    const main = document.getElementById('main-content');
    if (!main) return;
    main.setAttribute('tabindex', '-1');
    main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, 0);
}
