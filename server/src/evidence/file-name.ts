import { type EvidenceMediaType, evidenceExtensions, evidenceTypeNames } from '@tracker/shared';

const maxFileNameLength = 200;
const fallbackFileName = 'evidence';

// Control characters would break headers and logs; bidirectional overrides can disguise
// "report\u202Efdp.exe" as "reportexe.pdf".
// eslint-disable-next-line no-control-regex
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** What reads as an extension: letters and digits, at least one letter ("v1.2" has none). */
const extensionPattern = /^(.*)(\.(?=[a-z0-9]*[a-z])[a-z0-9]{1,10})$/i;

/** The name a file was uploaded with, made safe to show and to match against types. */
export interface UploadedName {
  /** The last segment of the path the client sent, without unsafe characters; may be empty. */
  name: string;
  /** Whether invisible or direction-changing characters had to be removed. */
  hadHiddenCharacters: boolean;
}

export function uploadedName(original: string | undefined): UploadedName {
  const lastSegment = (original ?? '').split(/[/\\]/).pop() ?? '';
  const segment = lastSegment
    .replace(/\p{Cs}/gu, '') // a lone surrogate cannot be encoded for the header
    .normalize('NFC');
  const visible = segment.replace(unsafeCharacters, '');
  // Windows drops trailing dots and spaces, which would otherwise hide the real extension.
  const name = visible.trim().replace(/[. ]+$/, '');
  return { name, hadHiddenCharacters: visible !== segment };
}

/** The name a file is stored and downloaded under, and, when it differs, why, for the uploader. */
export interface StoredFileName {
  fileName: string;
  notice: string | null;
}

/**
 * Gives the name an extension of the type detected from the content (replacing one that claims
 * another type, such as ".hta" on text), so the name cannot lie about the file; and keeps it
 * short enough for any file system.
 */
export function storedFileName(
  uploaded: UploadedName,
  mediaType: EvidenceMediaType,
): StoredFileName {
  const allowed = evidenceExtensions[mediaType];
  const [, stem = uploaded.name, claimed] = extensionPattern.exec(uploaded.name) ?? [];
  const extension = claimed && allowed.includes(claimed.toLowerCase()) ? claimed : allowed[0]!;
  const base = Array.from(stem || fallbackFileName);
  const room = maxFileNameLength - extension.length;
  const fileName = base.slice(0, room).join('') + extension;

  const reasons: string[] = [];
  if (!stem) reasons.push('The file came without a name.');
  if (uploaded.name && extension !== claimed) {
    const was = claimed ? `ended "${claimed}"` : 'had no extension';
    const type = evidenceTypeNames[mediaType];
    reasons.push(`The name ${was}; it now ends "${extension}", to match the content (${type}).`);
  }
  if (uploaded.hadHiddenCharacters) {
    reasons.push(
      'Invisible or text-direction characters, which can disguise a name, were removed from it.',
    );
  }
  if (base.length > room)
    reasons.push(`The name was shortened to ${maxFileNameLength} characters.`);
  return {
    fileName,
    notice: reasons.length > 0 ? [`Saved as "${fileName}".`, ...reasons].join(' ') : null,
  };
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
