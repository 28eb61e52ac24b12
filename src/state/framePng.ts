import { imagePipeline } from './imagePipeline';

/** The ultrasound frame on screen as a PNG data URL (what a scanner's "save image" keeps). */
export function displayedFramePng(): string | null {
  const frame = imagePipeline.latestFrame;
  if (!frame) return null;
  const canvas = document.createElement('canvas');
  canvas.width = frame.width;
  canvas.height = frame.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const image = ctx.createImageData(frame.width, frame.height);
  for (let i = 0; i < frame.pixels.length; i++) image.data.set([frame.pixels[i], frame.pixels[i], frame.pixels[i], 255], i * 4);
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}
