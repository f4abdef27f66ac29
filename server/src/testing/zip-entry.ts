import { fromBufferPromise } from 'yauzl';

/** One file of a zip (a .docx is one), as text: for tests to read the XML a document holds. */
export async function zipEntryText(zip: Buffer, name: string): Promise<string> {
  const archive = await fromBufferPromise(zip, { lazyEntries: true });
  for await (const entry of archive.eachEntry()) {
    if (entry.fileName !== name) continue;
    const stream = await archive.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    archive.close();
    return Buffer.concat(chunks).toString('utf8');
  }
  archive.close();
  throw new Error(`${name} is not in the zip`);
}
