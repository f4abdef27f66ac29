const maxFileNameLength = 200;
const fallbackFileName = 'evidence';

// Control characters would break headers and logs; bidirectional overrides can disguise
// "report\u202Efdp.exe" as "reportexe.pdf".
// eslint-disable-next-line no-control-regex
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name to keep for an uploaded file: the last segment of whatever path the client sent,
 * without unsafe characters, and short enough for any file system (the extension is kept).
 */
export function storedFileName(original: string | undefined): string {
  const lastSegment = (original ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(/\p{Cs}/gu, '') // a lone surrogate cannot be encoded for the header
    .normalize('NFC')
    .replace(unsafeCharacters, '')
    .trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return fallbackFileName;
  const characters = Array.from(cleaned);
  if (characters.length <= maxFileNameLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? Array.from(cleaned.slice(dot)) : [];
  return [...characters.slice(0, maxFileNameLength - extension.length), ...extension].join('');
}

/**
 * `attachment`, so the browser saves the file rather than shows it, with the name both as a
 * plain-ASCII fallback and exactly, percent-encoded (RFC 6266, RFC 8187).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
