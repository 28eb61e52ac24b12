import { imagePipeline } from './imagePipeline';

/** Grey pixels as a PNG data URL (what a scanner's "save image" keeps). */
export function greyPng(pixels: Uint8Array, width: number, height: number): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < pixels.length; i++) image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

/** The ultrasound frame on screen now, as a PNG data URL. */
export function displayedFramePng(): string | null {
  const frame = imagePipeline.latestFrame;
  return frame ? greyPng(frame.pixels, frame.width, frame.height) : null;
}
