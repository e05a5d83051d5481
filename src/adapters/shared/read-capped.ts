/**
 * A download read without ever holding more than `cap` bytes: the bytes are
 * counted as they arrive (a platform's announced size is its word, the stream
 * is the fact) and the download is cancelled at the first chunk past the cap.
 * The Slack and Discord file downloads both read through this; each says
 * "too large" in its own words through `tooLarge`.
 */
export async function readBodyCapped(body: ReadableStream<Uint8Array>, cap: number, tooLarge: (received: number) => Error): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > cap) {
      await reader.cancel();
      throw tooLarge(received);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
