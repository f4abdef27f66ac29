import { describe, expect, it } from 'vitest';

import { codeFrom } from './code-from';

describe('codeFrom', () => {
  it('turns a name into the code the server accepts', () => {
    expect(codeFrom('Bolton and Bury')).toBe('bolton-and-bury');
    expect(codeFrom('  St Helens & Knowsley ')).toBe('st-helens-knowsley');
    expect(codeFrom('Ynys Môn')).toBe('ynys-mon');
    expect(codeFrom('!!!')).toBe('');
  });

  it('keeps to the 60 characters a code may have', () => {
    expect(codeFrom('a'.repeat(80))).toHaveLength(60);
    expect(codeFrom(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59));
  });
});
