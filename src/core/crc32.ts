// CRC-32 (IEEE 802.3, the zlib/PNG polynomial 0xEDB88320, reflected), as the AWS event-stream format
// checks its preludes and messages with. Table-driven; `crc32(b, crc32(a))` equals `crc32(a ++ b)`.

const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    table[index] = value >>> 0;
  }
  return table;
}

/** The CRC-32 of `bytes`, continuing from `previous` (the CRC of what came before, 0 at the start). */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let index = 0; index < bytes.length; index++) {
    crc = (TABLE[(crc ^ (bytes[index] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
