// The assistant text a stream has carried so far, kept for the error that reports a stream cut
// short (`partialText`). A string grown by `+=` keeps a rope node per chunk besides the piece
// (about 56 bytes a chunk: 56 MB over a million chunks); here the pieces are joined into one flat
// string every so often, so what is kept is about the text itself.

/** Pieces gathered before they are joined: large enough to be cheap per chunk, small enough to matter little. */
const BATCH = 256;

export class PartialText {
  private joined = "";
  private pieces: string[] = [];
  /** Characters so far (UTF-16 code units, as `string.length`). */
  length = 0;

  append(piece: string): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.length += piece.length;
    if (this.pieces.length === BATCH) this.join();
  }

  toString(): string {
    if (this.pieces.length > 0) this.join();
    return this.joined;
  }

  private join(): void {
    this.joined += this.pieces.join("");
    this.pieces = [];
  }
}
