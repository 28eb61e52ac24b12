import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';

/**
 * Watches the canvas's WebGL context. When the browser takes it away (GPU reset, too many contexts,
 * a driver update) the view says so; when it comes back, three rebuilds its GL state and this asks
 * for a frame at once, so the scene is redrawn without waiting for the next input.
 */
export function ContextLossWatcher({ onLostChange }: { onLostChange: (lost: boolean) => void }) {
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const canvas = gl.domElement;
    const lost = (event: Event) => {
      // Without preventDefault the browser never offers the context back.
      event.preventDefault();
      onLostChange(true);
    };
    const restored = () => {
      onLostChange(false);
      // three's own listener (registered first) has rebuilt its state by now; draw the next frame,
      // and once more after layout, in case the first lands before the canvas is usable again.
      invalidate();
      requestAnimationFrame(() => invalidate());
    };
    canvas.addEventListener('webglcontextlost', lost);
    canvas.addEventListener('webglcontextrestored', restored);
    return () => {
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', restored);
    };
  }, [gl, invalidate, onLostChange]);
  return null;
}
