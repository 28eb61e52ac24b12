import { Html } from '@react-three/drei';
import { useSimStore } from '../state/store';

const LABELS = [
  { landmark: 'fibularHeadApex', text: 'Fibular head' },
  { landmark: 'cpnProximal', text: 'Common peroneal nerve' },
  { landmark: 'bicepsTendonInsertion', text: 'Biceps femoris tendon' },
  { landmark: 'gastrocnemiusLateral', text: 'Lateral gastrocnemius' },
  { landmark: 'fibularNeck', text: 'Fibular neck' },
] as const;

/** Small name tags on the structures a trainee must recognise; optional. */
export function AnatomyLabels() {
  const show = useSimStore((s) => s.showLabels);
  const landmarks = useSimStore((s) => s.anatomy?.landmarks);
  if (!show || !landmarks) return null;
  return (
    <group>
      {LABELS.map(({ landmark, text }) => {
        const p = landmarks[landmark];
        return (
          <Html key={landmark} position={[p.x, p.y, p.z + 4]} center zIndexRange={[10, 0]} style={{ pointerEvents: 'none' }}>
            <span className="anatomy-label">{text}</span>
          </Html>
        );
      })}
    </group>
  );
}
