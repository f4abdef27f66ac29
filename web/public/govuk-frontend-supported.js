/* global document, HTMLScriptElement */
// GOV.UK Frontend: styles for JavaScript-enhanced components apply only when the body has
// these classes. Kept in its own file (not inline) so a strict Content-Security-Policy can
// forbid inline scripts.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
