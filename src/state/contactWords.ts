import type { NeedleContact } from '../core/needle/needle';
import type { StructureName, NerveName } from '../core/anatomy/namedStructure';
import type { Said } from './said';

/**
 * What the patient says (or the syringe shows) when the needle meets something, and what the
 * guided-practice coach adds when it is a nerve. Each nerve has its own territory, so the words
 * tell the trainee which nerve it was before the debrief does: the CPN shoots down the outside of
 * the leg into the foot, the lateral sural cutaneous nerve only zaps the skin of the calf.
 */

const CPN_TOUCHED: Said = { en: '“Ow — an electric tingling down the outside of my leg into my foot!”', zh: '“哎——像过电一样，麻到小腿外侧，一直到脚上！”' };
const CPN_ENTERED: Said = { en: '“That really hurts, right down into my foot!”', zh: '“太疼了，一直疼到脚上！”' };

/** A nerve other than the target: one sharp zap in its own skin territory, touched or nicked alike. */
const OTHER_NERVE: Readonly<Record<Exclude<NerveName, 'commonPeronealNerve'>, Said>> = {
  lateralSuralCutaneousNerve: { en: '“Ouch — a sharp zap down the skin of my calf!”', zh: '“哎哟——小腿外侧的皮肤像被电了一下！”' },
  tibialNerve: { en: '“Ow — an electric shock down the back of my calf into the sole of my foot!”', zh: '“哎——像电击一样，从小腿后面一直麻到脚底！”' },
  superficialPeronealNerve: { en: '“A tingling zap over the front of my ankle and the top of my foot!”', zh: '“一阵过电样的麻，到脚踝前面和脚背！”' },
  deepPeronealNerve: { en: '“A jolt into the top of my foot, between my big toe and the next one!”', zh: '“一下麻到脚背，大脚趾和第二个脚趾之间！”' },
};

const OTHER: Partial<Record<NeedleContact, Said>> = {
  'vessel-punctured': { en: 'Blood flashes back in the syringe on aspiration.', zh: '回抽时注射器内见回血。' },
  'bone-struck': { en: 'The needle stops hard against bone.', zh: '针尖抵到骨面，无法前进。' },
};

const isOtherNerve = (s: StructureName): s is keyof typeof OTHER_NERVE => s in OTHER_NERVE;

/** The words for one contact, or null where the patient feels nothing worth saying (skin, fascia). */
export function patientWordsFor(contact: { kind: NeedleContact; structure: StructureName }): Said | null {
  if (contact.kind === 'nerve-touched' || contact.kind === 'nerve-entered') {
    if (isOtherNerve(contact.structure)) return OTHER_NERVE[contact.structure];
    return contact.kind === 'nerve-touched' ? CPN_TOUCHED : CPN_ENTERED;
  }
  return OTHER[contact.kind] ?? null;
}

const COACH_OTHER_NERVE: Readonly<Record<Exclude<NerveName, 'commonPeronealNerve'>, Said>> = {
  lateralSuralCutaneousNerve: {
    en: 'That was the lateral sural cutaneous nerve, just under the skin over the gastrocnemius — not the CPN. Withdraw a little, find the small nerve on the scan and pass beside it.',
    zh: '那是腓肠外侧皮神经（腓肠肌浅面的皮下），不是腓总神经。稍退针，在图像上找到这条小神经，从它旁边绕过。',
  },
  tibialNerve: {
    en: 'That was the tibial nerve, medial in the popliteal fossa — well off the path to the CPN. Withdraw and aim laterally, at the CPN.',
    zh: '那是胫神经（腘窝内侧）——偏离了通往腓总神经的路径。退针，向外侧重新对准腓总神经。',
  },
  superficialPeronealNerve: {
    en: 'That was the superficial peroneal nerve, beyond the CPN’s division — the needle is too far distal. Withdraw and aim at the CPN at the fibular head.',
    zh: '那是腓浅神经（腓总神经分叉以远）——进针过于偏远端。退针，重新对准腓骨头处的腓总神经。',
  },
  deepPeronealNerve: {
    en: 'That was the deep peroneal nerve, beyond the CPN’s division — the needle is too far distal and deep. Withdraw and aim at the CPN at the fibular head.',
    zh: '那是腓深神经（腓总神经分叉以远）——进针过于偏远端且过深。退针，重新对准腓骨头处的腓总神经。',
  },
};

const COACH_CPN_TOUCHED: Said = {
  en: 'The tip is on the CPN’s epineurium: the patient felt it down the leg. Withdraw slightly and inject a little to open the plane before going on.',
  zh: '针尖已触及腓总神经外膜：患者感到沿小腿放射。稍退针，先注射少量液体打开间隙再继续。',
};
const COACH_CPN_ENTERED: Said = {
  en: 'The tip is inside the CPN. Do not inject: withdraw until the tip is outside the epineurium.',
  zh: '针尖已进入腓总神经。不要注射：退针，直到针尖位于神经外膜之外。',
};

/** The coach's word on a nerve contact (which nerve, what to do), or null for any other contact. */
export function coachWordsFor(contact: { kind: NeedleContact; structure: StructureName }): Said | null {
  if (contact.kind !== 'nerve-touched' && contact.kind !== 'nerve-entered') return null;
  if (isOtherNerve(contact.structure)) return COACH_OTHER_NERVE[contact.structure];
  return contact.kind === 'nerve-touched' ? COACH_CPN_TOUCHED : COACH_CPN_ENTERED;
}
