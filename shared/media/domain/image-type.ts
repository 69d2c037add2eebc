/** The web image formats pilog accepts (§2.5): decided from the bytes, never from a declared type or file name. */
export interface ImageType {
  readonly extension: 'png' | 'jpg' | 'gif' | 'webp' | 'avif';
  readonly contentType: string;
}

export const imageTypes: readonly ImageType[] = [
  { extension: 'png', contentType: 'image/png' },
  { extension: 'jpg', contentType: 'image/jpeg' },
  { extension: 'gif', contentType: 'image/gif' },
  { extension: 'webp', contentType: 'image/webp' },
  { extension: 'avif', contentType: 'image/avif' },
];

const typeOf = (extension: ImageType['extension']): ImageType => imageTypes.find((type) => type.extension === extension) as ImageType;

const ascii = (bytes: Uint8Array, start: number, length: number): string => String.fromCharCode(...bytes.subarray(start, start + length));
const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const AVIF_BRANDS = new Set(['avif', 'avis']);

/**
 * AVIF is an ISO-BMFF file whose first box is `ftyp` naming `avif` (still) or `avis` (sequence) as its major
 * brand or among its compatible brands. HEIC and MP4 share the box layout but not the brands.
 */
function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return false;
  const boxSize = ((bytes[0] as number) << 24) | ((bytes[1] as number) << 16) | ((bytes[2] as number) << 8) | (bytes[3] as number);
  if (boxSize < 16 || boxSize > bytes.length) return false;
  if (AVIF_BRANDS.has(ascii(bytes, 8, 4))) return true;
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) if (AVIF_BRANDS.has(ascii(bytes, offset, 4))) return true;
  return false;
}

/** The image type of the bytes by their magic numbers, or null for anything else (SVG, text, TIFF, PSD, …). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, PNG)) return typeOf('png');
  if (startsWith(bytes, JPEG)) return typeOf('jpg');
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return typeOf('gif');
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return typeOf('webp');
  if (isAvif(bytes)) return typeOf('avif');
  return null;
}

/** The stored name's extension back to its content type, for serving stored files. */
export const contentTypeOfExtension = (extension: string): string | undefined => imageTypes.find((type) => type.extension === extension)?.contentType;
