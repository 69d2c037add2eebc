import { describe, expect, it } from 'vitest';
import { samples } from '../testing/image-samples.ts';
import { contentTypeOfExtension, sniffImageType } from './image-type.ts';

describe('sniffing image types from their bytes', () => {
  it.each([
    ['png', samples.png, 'image/png'],
    ['jpg', samples.jpg, 'image/jpeg'],
    ['gif', samples.gif87, 'image/gif'],
    ['gif', samples.gif89, 'image/gif'],
    ['webp', samples.webp, 'image/webp'],
    ['avif', samples.avif, 'image/avif'],
    ['avif', samples.avifCompatible, 'image/avif'],
  ])('recognises %s', (extension, bytes, contentType) => {
    expect(sniffImageType(bytes)).toEqual({ extension, contentType });
  });

  it.each([
    ['SVG with an XML declaration', samples.svg],
    ['bare SVG', samples.svgBare],
    ['text', samples.text],
    ['TIFF', samples.tiff],
    ['PSD', samples.psd],
    ['BMP', samples.bmp],
    ['HEIC (same box layout, other brand)', samples.heic],
    ['MP4', samples.mp4],
    ['a truncated PNG signature', samples.truncatedPng],
    ['a RIFF file that is not WebP', samples.riffWave],
    ['nothing', new Uint8Array()],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });

  it('does not trust an ftyp box that claims more bytes than there are', () => {
    const lying = new Uint8Array(samples.avif);
    lying[3] = 200;
    expect(sniffImageType(lying)).toBeNull();
  });

  it('maps stored extensions back to content types', () => {
    expect(contentTypeOfExtension('jpg')).toBe('image/jpeg');
    expect(contentTypeOfExtension('svg')).toBeUndefined();
  });
});
