import type { Vec3 } from '../math/vec3';
import type { Box } from './sdf';
import type { NerveCourse } from './parameters';
import type { TubeSection } from './structure';

/**
 * The numbers that place each structure of an adult posterolateral knee in the limb frame
 * (origin at the fibular head apex, +X lateral, +Y proximal, +Z posterior; millimetres).
 * Sources are in shared docs/anatomy.md; the comments say which figure a number honours.
 */

const v = (x: number, y: number, z: number): Vec3 => ({ x, y, z });
const sections = (halfWidths: number[], halfThicknesses: number[]): TubeSection[] =>
  halfWidths.map((halfWidth, i) => ({ halfWidth, halfThickness: halfThicknesses[i] }));

/**
 * The region the label volume covers: a 50 mm probe and 40 mm of depth over the nerve from the
 * popliteal fossa (~55 mm above the fibular head) to its division (~30 mm below), and the
 * popliteal vessels medially.
 */
export const modelRegion: Box = { min: v(-52, -50, -20), max: v(36, 60, 38) };

/**
 * The region the image may reach: wherever placement lets the footprint's centre sit (on the
 * skin over modelRegion, 3 mm in from its edges), a 45 mm footprint turned any way, tilted up to
 * 30°, pressed 8 mm, 60 mm deep. The coarse surroundings volume covers it; anatomy reaches it.
 */
export const surroundingsRegion: Box = { min: v(-90, -105, -80), max: v(52, 120, 44) };

export const POSTERIOR: Vec3 = v(0, 0, 1);
export const LATERAL: Vec3 = v(1, 0, 0);

/** Fibular head 25–27 wide proximally, apex at the origin; neck ~15 mm across. */
export const fibulaHead = { centre: v(0, -9, 0), radii: v(12.5, 9, 11.5) };
export const fibulaShaft = { points: [v(0, -12, 0), v(0.8, -40, -1), v(1.5, -75, -2), v(2, -112, -3)], sections: sections([7.5, 7, 6.5, 6], [7.5, 7, 6.5, 6]) };

/** Lateral tibial condyle (plateau ~12 mm above the fibular apex) narrowing to the shaft. */
export const tibia = {
  points: [v(-35, 12, -18), v(-33, -15, -20), v(-30, -60, -24), v(-29, -112, -26)],
  sections: sections([36, 30, 16, 14], [24, 21, 14, 12]),
};

/** Lateral femoral condyle, enough for the gastrocnemius origin and the LCL. */
export const femurCondyle = { centre: v(-30, 42, -8), radii: v(30, 28, 28) };

/** The CPN centre line: along the medial border of biceps, over (71%) or behind (29%) the head, on the neck 20.7 mm below the apex, into the fibular tunnel ~32 mm below. */
export function cpnControlPoints(course: NerveCourse): Vec3[] {
  const proximal = [v(-24, 95, 20), v(-14, 65, 21), v(-7, 38, 21)];
  const distal = [v(11, -26, 1.5), v(12.5, -31, -4)];
  const overHead = [v(-3, 18, 19), v(-1.5, 6, 18), v(-0.5, -4, 17.2), v(0.8, -11, 15.8), v(6.5, -20.7, 8.5)];
  const behindHead = [v(-6, 18, 20), v(-7, 6, 19), v(-6.5, -4, 17.8), v(-4, -11, 16.2), v(5, -20.7, 9.5)];
  return [...proximal, ...(course === 'over-fibular-head' ? overHead : behindHead), ...distal];
}

/** Division into superficial (lateral, distal) and deep (anterior) peroneal nerves. */
export const superficialPeronealPoints = [v(12.5, -31, -4), v(14, -42, -5), v(16, -58, -6), v(18, -112, -8)];
export const deepPeronealPoints = [v(12.5, -31, -4), v(11, -40, -10), v(8, -58, -16), v(4, -112, -22)];

export const tibialNervePoints = [v(-38, 95, 25), v(-42, 50, 24), v(-44, 10, 19), v(-45, -25, 15), v(-45, -60, 13), v(-45, -112, 11)];
export const TIBIAL_NERVE_AREA_MM2 = 18;

/** Lateral sural cutaneous nerve: leaves the CPN in the popliteal fossa, runs over the lateral gastrocnemius. */
export const suralNervePoints = [v(-10, 55, 23.5), v(-16, 30, 26.5), v(-19, 5, 26.5), v(-22, -25, 26.5), v(-26, -60, 27), v(-30, -112, 27.5)];
export const SURAL_NERVE_AREA_MM2 = 1.6;

/** Biceps femoris: belly in the thigh, tendon 4–7 thick inserting on the fibular head. */
export const bicepsMuscle = {
  points: [v(10, 100, 8), v(9, 75, 11), v(8, 55, 14), v(7, 40, 16)],
  sections: sections([17, 15, 10, 5], [12, 10, 7, 3.5]),
};
export const bicepsTendon = {
  points: [v(7, 55, 17), v(7, 35, 18), v(6, 18, 17), v(5.5, 6, 13.5), v(5, -3, 5)],
  sections: sections([4, 5, 5, 4.5, 4], [2.5, 3, 3, 2.5, 2.5]),
};

/** Lateral head of gastrocnemius, 10–20 thick, medial and deep to the nerve. */
export const gastrocnemiusLateral = {
  points: [v(-22, 60, 12), v(-18, 38, 17), v(-16, 15, 18), v(-16, 0, 17), v(-19, -25, 17.5), v(-24, -60, 19), v(-30, -112, 19)],
  sections: sections([9, 12, 12, 12.5, 13, 14, 12], [5, 7, 8, 8, 7.5, 7, 6]),
};

export const soleus = {
  points: [v(-8, -6, 5), v(-14, -25, 4), v(-22, -60, 5), v(-28, -112, 6)],
  sections: sections([8, 13, 17, 18], [4, 5, 6, 7]),
};

/** Peroneus longus, lateral to the fibula; the CPN enters the tunnel beneath it. Thickness is lateral. */
export const peroneusLongus = {
  points: [v(16, -12, -1), v(20, -35, -5), v(22, -60, -7), v(22, -112, -9)],
  sections: sections([7, 9, 9, 8], [4, 5, 5, 4.5]),
};

export const lateralCollateralLigament = {
  points: [v(2, 40, -8), v(5, 18, -6), v(7, -4, -3)],
  sections: sections([2.5, 2.5, 2.5], [1.5, 1.5, 1.5]),
};

/** Popliteal artery deepest, vein behind it, tibial nerve most superficial, all behind the femur and tibia. */
/** Popliteal artery deepest, the vein behind it, the tibial nerve most superficial: all behind the femur and tibia. */
export const poplitealArtery = { points: [v(-50, 70, 19), v(-48, 30, 17.5), v(-47, 5, 10), v(-46, -20, 5), v(-45, -60, 1), v(-44, -112, -2)], sections: sections([3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3]) };
export const poplitealVein = { points: [v(-43, 70, 23), v(-42, 30, 21.5), v(-41, 5, 14.5), v(-40, -20, 10), v(-39, -60, 7), v(-38, -112, 4)], sections: sections([4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3]) };

/** Lateral inferior genicular artery: 5–10 below the joint line, deep to gastrocnemius, biceps tendon and LCL. */
export const genicularArtery = {
  points: [v(-35, 7, 8), v(-20, 6, 6.5), v(-8, 5, 3), v(2, 4.5, 0), v(10, 4.5, -6), v(13, 4.5, -16)],
  sections: sections([1, 1, 1, 1, 0.9, 0.9], [1, 1, 1, 1, 0.9, 0.9]),
};

/** The limb's outline away from the knee's bony and tendinous landmarks. */
export const limbOutline = { centreX: -42, centreZ: -12, radiusX: 54, radiusZ: 42 };

export const SKIN_THICKNESS_MM = 1.5;
/** How smoothly the skin drapes over the fibular head, tendon and muscle bellies. */
export const SKIN_DRAPE_MM = 12;
