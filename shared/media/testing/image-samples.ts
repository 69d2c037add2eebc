/** Smallest byte strings that carry each format's signature (headers only: sniffing never decodes pixels). */
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part)))));

const box = (type: string, payload: Uint8Array): Uint8Array => {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + payload.length);
  return bytes([...size], type, [...payload]);
};

export const samples = {
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
  jpg: bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
  gif87: bytes('GIF87a', [1, 0, 1, 0, 0, 0, 0, 0x3b]),
  gif89: bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0, 0x3b]),
  webp: bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8L', [13, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  avif: box('ftyp', bytes('avif', [0, 0, 0, 0], 'avifmif1miaf')),
  /** Major brand `mif1`, `avif` only among the compatible brands, as some encoders write it. */
  avifCompatible: box('ftyp', bytes('mif1', [0, 0, 0, 0], 'mif1avifmiaf')),
  heic: box('ftyp', bytes('heic', [0, 0, 0, 0], 'mif1heic')),
  mp4: box('ftyp', bytes('isom', [0, 0, 2, 0], 'isomiso2mp41')),
  svg: bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'),
  svgBare: bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  text: bytes('just some text, named x.png'),
  tiff: bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]),
  psd: bytes('8BPS', [0, 1]),
  bmp: bytes('BM', [0x3a, 0, 0, 0]),
  truncatedPng: bytes([0x89, 0x50, 0x4e, 0x47]),
  riffWave: bytes('RIFF', [26, 0, 0, 0], 'WAVEfmt '),
} as const;
