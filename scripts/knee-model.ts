// Builds public/models/knee.glb from the one anatomical definition in src/core/anatomy, so the
// 3D view shows exactly the knee the image and the fluid are computed from.
import * as THREE from 'three';
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js';
import { KneeAnatomy } from '../src/core/anatomy/knee';
import type { AnatomyParameters } from '../src/core/anatomy/parameters';
import type { TriangleMesh } from '../src/core/geometry/surfaceNets';
import { structureMesh } from '../src/core/geometry/structureMesh';

installFileReaderShim();

interface MeshGroup {
  name: string;
  /** Anatomy structure names merged into this mesh. */
  structures: string[];
  colour: number;
  spacingMm: number;
  roughness?: number;
}

/** Colours an anatomy atlas would use; sampling finer where structures are small. */
const groups: MeshGroup[] = [
  { name: 'fibula', structures: ['fibula'], colour: 0xe8dcc0, spacingMm: 1.8 },
  { name: 'tibia', structures: ['tibia'], colour: 0xe8dcc0, spacingMm: 3.2 },
  { name: 'femur', structures: ['femur'], colour: 0xe8dcc0, spacingMm: 3.2 },
  { name: 'bicepsFemorisMuscle', structures: ['biceps femoris'], colour: 0xa8453b, spacingMm: 2.6 },
  { name: 'bicepsFemorisTendon', structures: ['biceps femoris tendon'], colour: 0xd9d4c7, spacingMm: 1.4 },
  { name: 'gastrocnemiusLateral', structures: ['lateral gastrocnemius'], colour: 0xb24a3e, spacingMm: 3.0 },
  { name: 'soleus', structures: ['soleus'], colour: 0x9c3f36, spacingMm: 3.0 },
  { name: 'peroneusLongus', structures: ['peroneus longus'], colour: 0xa3473c, spacingMm: 2.6 },
  { name: 'lateralCollateralLigament', structures: ['lateral collateral ligament'], colour: 0xd9d4c7, spacingMm: 1.4 },
  { name: 'tibialNerve', structures: ['tibial nerve'], colour: 0xf2c718, spacingMm: 1.8 },
  { name: 'suralNerve', structures: ['lateral sural cutaneous nerve'], colour: 0xf2c718, spacingMm: 1.0 },
  { name: 'poplitealArtery', structures: ['popliteal artery'], colour: 0xc8232c, spacingMm: 2.2 },
  { name: 'poplitealVein', structures: ['popliteal vein'], colour: 0x2f4fa8, spacingMm: 2.2 },
  { name: 'genicularArtery', structures: ['lateral inferior genicular artery'], colour: 0xc8232c, spacingMm: 0.9 },
];

/**
 * The deep structures of a knee as a GLB. The skin and the CPN are not in it: the 3D view builds
 * them from the patient's own anatomy at load time (they differ from patient to patient; the rest
 * differs only with the nerve's course), so one model serves many patients.
 */
export async function buildKneeModelGlb(parameters: Partial<AnatomyParameters> = {}): Promise<Uint8Array> {
  const knee = new KneeAnatomy(parameters);
  const scene = new THREE.Scene();
  scene.name = 'knee';
  for (const group of groups) {
    scene.add(meshFrom(group.name, structureMesh(knee, group.structures, group.spacingMm), group.colour, group.structures.join(', ')));
  }
  const exporter = new GLTFExporter();
  const glb = (await exporter.parseAsync(scene, { binary: true })) as ArrayBuffer;
  return new Uint8Array(glb);
}

function meshFrom(name: string, surface: TriangleMesh, colour: number, anatomicalName: string): THREE.Mesh {
  const geometry = new THREE.BufferGeometry();
  // Rounded so that the bytes do not depend on the last bits of floating point.
  geometry.setAttribute('position', new THREE.BufferAttribute(surface.positions.map((v) => Math.round(v * 100) / 100), 3));
  geometry.setAttribute('normal', new THREE.BufferAttribute(surface.normals, 3));
  const vertexCount = surface.positions.length / 3;
  geometry.setIndex(new THREE.BufferAttribute(vertexCount < 65536 ? Uint16Array.from(surface.indices) : surface.indices, 1));
  const material = new THREE.MeshStandardMaterial({ color: colour, roughness: 0.6, metalness: 0 });
  material.name = name;
  const mesh = new THREE.Mesh(geometry, material);
  mesh.name = name;
  mesh.userData = { label: anatomicalName, triangles: surface.indices.length / 3 };
  return mesh;
}

/** GLTFExporter reads Blobs with FileReader, which Node lacks; Blob.arrayBuffer() does the same job. */
function installFileReaderShim(): void {
  if (typeof globalThis.FileReader !== 'undefined') return;
  class NodeFileReader {
    result: ArrayBuffer | string | null = null;
    onload: ((event: { target: NodeFileReader }) => void) | null = null;
    onloadend: ((event: { target: NodeFileReader }) => void) | null = null;
    readAsArrayBuffer(blob: Blob): void {
      void blob.arrayBuffer().then((buffer) => this.finish(buffer));
    }
    readAsDataURL(blob: Blob): void {
      void blob.arrayBuffer().then((buffer) => this.finish(`data:${blob.type || 'application/octet-stream'};base64,${Buffer.from(buffer).toString('base64')}`));
    }
    private finish(result: ArrayBuffer | string): void {
      this.result = result;
      this.onload?.({ target: this });
      this.onloadend?.({ target: this });
    }
  }
  (globalThis as unknown as { FileReader: unknown }).FileReader = NodeFileReader;
}
