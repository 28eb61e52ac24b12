/**
 * Software WebGL (SwiftShader: headless Chromium, machines without a GPU driver) fills pixels a
 * hundred times slower than a GPU. There the view drops multisampling and stays at one device
 * pixel per CSS pixel; on a GPU it gets both. Asked once, from a throwaway context.
 */
function detectSoftwareRenderer(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return true;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}

export interface RenderQuality {
  software: boolean;
  antialias: boolean;
  /** [min, max] device-pixel ratio; the view starts at the display's ratio clamped to these. */
  dpr: [number, number];
  /**
   * While the probe or the camera moves, the resolution drops to this fraction. 1 = never:
   * under software WebGL resizing the drawing buffer costs more than it saves.
   */
  movingResolution: number;
}

let cached: RenderQuality | null = null;

export function renderQuality(): RenderQuality {
  if (cached) return cached;
  const software = detectSoftwareRenderer();
  cached = software
    ? { software, antialias: false, dpr: [0.6, 0.6], movingResolution: 1 }
    : { software, antialias: true, dpr: [0.75, 1.5], movingResolution: 0.75 };
  return cached;
}
