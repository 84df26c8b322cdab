// The assistant text a stream has carried so far, kept for the error that reports a stream cut
// short (`partialText`). Kept as UTF-8 bytes in blocks outside the JavaScript heap: a string grown
// by `+=` keeps a rope node per chunk besides the piece (about 56 bytes a chunk), and even text
// joined into flat strings passes through the young generation, which then grows to its largest
// and stays there (tens of megabytes of RSS over a long stream). Bytes cost the text's size, and
// are decoded only when someone asks.

/**
 * Blocks of text bytes: a new one is started when one is full (nothing is copied as the text
 * grows), each twice the last up to 64 KiB, so a short stream holds a few hundred bytes.
 */
const FIRST_BLOCK_BYTES = 256;
const MAX_BLOCK_BYTES = 64 * 1024;

export class PartialText {
  private readonly blocks: Uint8Array[] = [];
  private block: Uint8Array | undefined;
  private used = 0;
  private encoder: TextEncoder | undefined;
  /** A high surrogate ending the last piece, waiting for its low half. */
  private highSurrogate = "";
  /**
   * The text as a string, once a piece held a lone surrogate (UTF-8 cannot carry one): kept
   * exactly as it came, the rare way.
   */
  private asString: string | undefined;
  /** Characters so far (UTF-16 code units, as `string.length`). */
  length = 0;

  append(piece: string): void {
    if (piece.length === 0) return;
    this.length += piece.length;
    if (this.asString !== undefined) {
      this.asString += piece;
      return;
    }
    if (this.highSurrogate !== "") {
      piece = this.highSurrogate + piece;
      this.highSurrogate = "";
    }
    // A pair cut between two pieces is encoded whole, once its second half has come.
    const lastCode = piece.charCodeAt(piece.length - 1);
    if (lastCode >= 0xd800 && lastCode <= 0xdbff) {
      this.highSurrogate = piece.slice(-1);
      piece = piece.slice(0, -1);
    }
    const count = piece.length;
    let block = this.block;
    let used = this.used;
    for (let index = 0; index < count; index++) {
      const code = piece.charCodeAt(index);
      if (code >= 0x80) {
        // Not ASCII: the rest of the piece goes through the encoder.
        this.used = used;
        this.appendEncoded(piece.slice(index));
        return;
      }
      if (block === undefined || used === block.length) {
        block = this.newBlock();
        used = 0;
      }
      block[used++] = code;
    }
    this.used = used;
  }

  toString(): string {
    if (this.asString !== undefined) return this.asString;
    return this.decoded();
  }

  private decoded(): string {
    if (this.blocks.length === 0) return this.highSurrogate;
    const decoder = new TextDecoder();
    let text = "";
    const last = this.blocks.length - 1;
    for (let index = 0; index < last; index++) text += decoder.decode(this.blocks[index], { stream: true });
    return text + decoder.decode(this.blocks[last]!.subarray(0, this.used)) + this.highSurrogate;
  }

  private appendEncoded(rest: string): void {
    if (hasLoneSurrogate(rest)) {
      this.asString = this.decoded() + rest;
      this.highSurrogate = "";
      return;
    }
    const bytes = (this.encoder ??= new TextEncoder()).encode(rest);
    let offset = 0;
    while (offset < bytes.length) {
      if (this.block === undefined || this.used === this.block.length) {
        this.newBlock();
        this.used = 0;
      }
      const block = this.block!;
      const take = Math.min(block.length - this.used, bytes.length - offset);
      block.set(bytes.subarray(offset, offset + take), this.used);
      this.used += take;
      offset += take;
    }
  }

  private newBlock(): Uint8Array {
    const block = new Uint8Array(this.block === undefined ? FIRST_BLOCK_BYTES : Math.min(this.block.length * 2, MAX_BLOCK_BYTES));
    this.blocks.push(block);
    this.block = block;
    return block;
  }
}

function hasLoneSurrogate(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code > 0xdbff) return true;
    const next = text.charCodeAt(index + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    index++;
  }
  return false;
}
