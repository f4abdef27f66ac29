import { type Entry, type ZipFile, fromBufferPromise } from 'yauzl';

/** Beyond these an office file is treated as a zip bomb. */
export interface ZipLimits {
  maxUnpackedBytes: number;
  maxEntries: number;
  maxRatio: number;
  /** Small parts may compress very well (repetitive XML) without being any danger. */
  ratioExemptBytes: number;
}

/** What an uploaded office file (evidence) may unpack to: nothing we accept comes near it. */
export const zipLimits: ZipLimits = {
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 100,
  ratioExemptBytes: 1024 * 1024,
};

export type ZipInspection<T> = { refused: string } | { refused: null; result: T };

/**
 * Reads a zip's central directory and checks every entry against the limits before `inspect`
 * sees them; nothing is unpacked until then, so a zip bomb betrays itself by its declared
 * sizes. Entries opened by `inspect` are checked as they unpack (yauzl's
 * `validateEntrySizes`): a part cannot unpack to more than it declared.
 */
export async function inspectZip<T>(
  content: Buffer,
  limits: ZipLimits,
  inspect: (zip: ZipFile, entries: Entry[]) => Promise<T>,
): Promise<ZipInspection<T>> {
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(content, { validateEntrySizes: true, strictFileNames: true });
  } catch {
    return { refused: 'is not a readable zip file' };
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      return { refused: `holds more than ${limits.maxEntries} entries` };
    const entries: Entry[] = [];
    let unpacked = 0;
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      unpacked += entry.uncompressedSize;
      const problem = entryProblem(entry, unpacked, entries.length, limits);
      if (problem) return { refused: problem };
    }
    return { refused: null, result: await inspect(zip, entries) };
  } catch {
    return { refused: 'is not a readable zip file' };
  } finally {
    zip.close();
  }
}

function entryProblem(
  entry: Entry,
  unpackedSoFar: number,
  entries: number,
  limits: ZipLimits,
): string | null {
  if (entries > limits.maxEntries) return `holds more than ${limits.maxEntries} entries`;
  if (unpackedSoFar > limits.maxUnpackedBytes) {
    return `would unpack to more than ${limits.maxUnpackedBytes / 1024 / 1024} MB`;
  }
  if (entry.isEncrypted()) return 'is encrypted';
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > limits.ratioExemptBytes && ratio > limits.maxRatio) {
    return `has a part that would unpack to more than ${limits.maxRatio} times its size`;
  }
  return null;
}
