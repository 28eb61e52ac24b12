// The case library: one JSON file per case, listed here so that every runtime (browser, worker,
// Node scripts) loads the same set. Add a case: write its file, add its line.

import deepNerveHeavyLeg from './deep-nerve-heavy-leg.json' with { type: 'json' };
import nerveBehindFibularHead from './nerve-behind-fibular-head.json' with { type: 'json' };
import normalTeachingKnee from './normal-teaching-knee.json' with { type: 'json' };
import patient1 from './patient-1.json' with { type: 'json' };
import patient2 from './patient-2.json' with { type: 'json' };
import patient3 from './patient-3.json' with { type: 'json' };
import patient4 from './patient-4.json' with { type: 'json' };
import patient5 from './patient-5.json' with { type: 'json' };
import patient6 from './patient-6.json' with { type: 'json' };
import patient7 from './patient-7.json' with { type: 'json' };
import patient8 from './patient-8.json' with { type: 'json' };
import patient9 from './patient-9.json' with { type: 'json' };
import secondSiteGrooveEntrapment from './second-site-groove-entrapment.json' with { type: 'json' };
import swollenAdheredNerve from './swollen-adhered-nerve.json' with { type: 'json' };

export const caseFiles: readonly unknown[] = [
  deepNerveHeavyLeg,
  nerveBehindFibularHead,
  normalTeachingKnee,
  patient1,
  patient2,
  patient3,
  patient4,
  patient5,
  patient6,
  patient7,
  patient8,
  patient9,
  secondSiteGrooveEntrapment,
  swollenAdheredNerve,
];
