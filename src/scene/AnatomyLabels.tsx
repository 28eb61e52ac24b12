import { useText, type TextKey } from '../i18n';
import { useMemo, type CSSProperties, type RefObject } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useSimStore } from '../state/store';
import type { Landmarks } from '../core/anatomy/landmarks';
import { bicepsTendon } from '../core/anatomy/kneeGeometry';
import type { Vec3 } from '../core/math/vec3';

/** In priority order: when tags would overlap, the earlier one keeps its place. */
const LABELS: readonly { key: string; at: (l: Landmarks) => Vec3; colour: string }[] = [
  { key: 'cpn', at: (l) => l.cpnAtFibularHead, colour: '#ffd21a' },
  { key: 'fibular-head', at: (l) => l.fibularHeadApex, colour: '#e8dcc0' },
  // Tagged along its course above the knee: its insertion is the fibular head, already tagged.
  { key: 'biceps-tendon', at: () => bicepsTendon.points[2], colour: '#d9d4c7' },
  { key: 'lateral-gastrocnemius', at: (l) => l.gastrocnemiusLateral, colour: '#d0675a' },
];

const overlay: CSSProperties = { position: 'absolute', inset: 0, pointerEvents: 'none', overflow: 'hidden', userSelect: 'none' };
const dot: CSSProperties = { position: 'absolute', left: 0, top: 0, width: 6, height: 6, marginLeft: -3, marginTop: -3, borderRadius: 3, boxShadow: '0 0 0 1px rgba(0,0,0,0.65)' };
const tag: CSSProperties = {
  position: 'absolute',
  left: 0,
  top: 0,
  whiteSpace: 'nowrap',
  font: "500 11px/16px system-ui, 'CPN Noto Sans SC', sans-serif",
  color: '#f2f5f7',
  background: 'rgba(16, 22, 29, 0.74)',
  padding: '0 6px 0 5px',
  borderRadius: 3,
  borderLeft: '3px solid',
};

/**
 * Small name tags on the structures a trainee must recognise (optional). Plain DOM over the
 * canvas; LabelPlacer moves them each rendered frame without re-rendering React.
 */
export function AnatomyLabelOverlay({ containerRef }: { containerRef: RefObject<HTMLDivElement | null> }) {
  const show = useSimStore((s) => s.showLabels && s.anatomy !== null);
  const { t } = useText();
  return (
    <div ref={containerRef} style={overlay} aria-hidden={!show}>
      {show &&
        LABELS.map(({ key, colour }) => (
          <div key={key} data-label={key} data-testid={`label-${key}`} style={{ position: 'absolute', left: 0, top: 0, visibility: 'hidden' }}>
            <div style={{ ...dot, background: colour }} />
            <div data-tag style={{ ...tag, borderLeftColor: colour }}>
              {t(`label.${key}` as TextKey)}
            </div>
          </div>
        ))}
    </div>
  );
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Inside the canvas: projects each landmark and puts its tag in the first free place around it. */
export function LabelPlacer({ containerRef, limbRoot }: { containerRef: RefObject<HTMLDivElement | null>; limbRoot: RefObject<THREE.Group | null> }) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const p = useMemo(() => new THREE.Vector3(), []);
  useFrame(() => {
    const container = containerRef.current;
    const root = limbRoot.current;
    const landmarks = useSimStore.getState().anatomy?.landmarks;
    if (!container || !root || !landmarks) return;
    const placed: Box[] = [];
    const anchors: Box[] = [];
    const items: { el: HTMLElement; tag: HTMLElement; x: number; y: number }[] = [];
    for (const label of LABELS) {
      const el = container.querySelector<HTMLElement>(`[data-label="${label.key}"]`);
      const tagEl = el?.querySelector<HTMLElement>('[data-tag]');
      if (!el || !tagEl) continue;
      const v = label.at(landmarks);
      root.localToWorld(p.set(v.x, v.y, v.z)).project(camera);
      if (p.z > 1 || p.z < -1) {
        el.style.visibility = 'hidden';
        continue;
      }
      const x = ((p.x + 1) / 2) * size.width;
      const y = ((1 - p.y) / 2) * size.height;
      anchors.push({ x: x - 4, y: y - 4, w: 8, h: 8 });
      items.push({ el, tag: tagEl, x, y });
    }
    for (const { el, tag: tagEl, x, y } of items) {
      const w = tagEl.offsetWidth;
      const h = tagEl.offsetHeight;
      const candidates: Box[] = [
        { x: x + 7, y: y - h - 3, w, h },
        { x: x - w - 7, y: y - h - 3, w, h },
        { x: x + 7, y: y + 3, w, h },
        { x: x - w - 7, y: y + 3, w, h },
      ];
      const free = candidates.find((c) => !placed.some((b) => overlaps(b, c)) && !anchors.some((a) => overlaps(a, c))) ?? candidates[0];
      placed.push(free);
      el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
      tagEl.style.transform = `translate(${(free.x - x).toFixed(1)}px, ${(free.y - y).toFixed(1)}px)`;
      el.style.visibility = 'visible';
    }
  });
  return null;
}
