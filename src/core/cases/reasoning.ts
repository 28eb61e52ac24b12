import type { AttemptFacts } from '../attempt/facts';
import type { CaseDefinition } from './cases';
import type { Bilingual } from './caseSchema';
import { POOR_RESPONSE_AFTER_DAYS } from './entrapment';

/**
 * Clinical reasoning after an attempt: short questions from the case series — where the nerve is
 * entrapped, whether the fluid separated it from the gastrocnemius, what outcome to expect — each
 * with the answer this attempt and this patient call for, and why.
 */
export interface ReasoningQuestion {
  id: 'entrapment-site' | 'fluid-separated' | 'expected-outcome';
  prompt: Bilingual;
  options: { id: string; text: Bilingual }[];
  correct: string;
  explanation: Bilingual;
}

export interface ReasoningAnswer {
  questionId: string;
  answer: string;
}

const T = (en: string, zh: string): Bilingual => ({ en, zh });
/** Halo share (%) and deep volume (ml) at which the fluid counts as having opened the plane beneath the nerve. */
const SEPARATED_HALO_PCT = 75;
const SEPARATED_DEEP_ML = 1;

export function reasoningQuestions(definition: CaseDefinition, facts: AttemptFacts): ReasoningQuestion[] {
  const questions: ReasoningQuestion[] = [];
  const site = definition.entrapmentSites[0] ?? 'none';
  questions.push({
    id: 'entrapment-site',
    prompt: T('Where is this nerve entrapped?', '该神经卡压部位在哪里？'),
    options: [
      { id: 'fibular-head', text: T('At the fibular head / neck', '腓骨头/腓骨颈处') },
      { id: 'popliteal-groove', text: T('In the groove between the biceps femoris tendon and the lateral gastrocnemius', '股二头肌腱与腓肠肌外侧头之间的沟内') },
      { id: 'none', text: T('Nowhere: the nerve is normal', '无卡压：神经正常') },
    ],
    correct: site,
    explanation:
      site === 'popliteal-groove'
        ? T('The nerve is normal over the fibular head; tracing it proximally in long axis shows a notch with swelling above it in the popliteal groove — the second site the series names.', '腓骨头处神经正常；长轴向近端追踪可见腘窝沟内的切迹及其近端肿胀——即文献所述的第二卡压部位。')
        : site === 'fibular-head'
          ? T('Swelling proximal to the fibular tunnel, a notch at its entrance and symptoms on probe pressure at the fibular head locate the entrapment there, the commonest site.', '腓管近端肿胀、入口处切迹以及腓骨头处探头加压诱发症状，提示卡压位于此处——最常见的部位。')
          : T('A normal calibre all along, no notch and no symptoms on pressure: no entrapment.', '全程粗细正常、无切迹、加压无症状：无卡压。'),
  });
  const separated = facts.adhesionReleased === true || (facts.fluid.haloCoveragePct >= SEPARATED_HALO_PCT && facts.fluid.deepMl >= SEPARATED_DEEP_ML);
  questions.push({
    id: 'fluid-separated',
    prompt: T('Did the fluid separate the nerve from the lateral gastrocnemius?', '注射液是否将神经与腓肠肌外侧头分离？'),
    options: [
      { id: 'yes', text: T('Yes', '是') },
      { id: 'no', text: T('No', '否') },
    ],
    correct: separated ? 'yes' : 'no',
    explanation: separated
      ? T(`Fluid lies beneath the nerve (${facts.fluid.deepMl.toFixed(1)} ml deep, halo ${facts.fluid.haloCoveragePct.toFixed(0)}%): under probe pressure the nerve now slides apart from the muscle.`, `神经深面有液体（深部 ${facts.fluid.deepMl.toFixed(1)} ml，晕环 ${facts.fluid.haloCoveragePct.toFixed(0)}%）：探头加压时神经已可与肌肉相对滑动。`)
      : T(`Too little fluid reached the plane beneath the nerve (${facts.fluid.deepMl.toFixed(1)} ml deep, halo ${facts.fluid.haloCoveragePct.toFixed(0)}%): they still move together.`, `到达神经深面的液体不足（深部 ${facts.fluid.deepMl.toFixed(1)} ml，晕环 ${facts.fluid.haloCoveragePct.toFixed(0)}%）：二者仍一起移动。`),
  });
  if (definition.durationDays !== null) {
    const long = definition.durationDays > POOR_RESPONSE_AFTER_DAYS;
    questions.push({
      id: 'expected-outcome',
      prompt: T(`Symptoms for ${definition.durationDays} days: what response to hydrodissection do you expect?`, `病程 ${definition.durationDays} 天：预计水分离疗效如何？`),
      options: [
        { id: 'good', text: T('Likely to improve', '可能改善') },
        { id: 'poor', text: T('Likely to respond poorly; consider referral for neurolysis if it fails', '疗效可能较差；无效时考虑转诊行神经松解术') },
      ],
      correct: long ? 'poor' : 'good',
      explanation: long
        ? T('In the series, symptoms lasting more than three months responded poorly.', '该病例系列中，病程超过三个月者疗效较差。')
        : T('In the series, a shorter history (under three months) responded better.', '该病例系列中，病程较短（三个月内）者疗效较好。'),
    });
  }
  return questions;
}

/** How many answers were right (stored with the attempt; shown in the debrief). */
export function reasoningScore(questions: readonly ReasoningQuestion[], answers: readonly ReasoningAnswer[]): { correct: number; asked: number } {
  const correct = questions.filter((q) => answers.some((a) => a.questionId === q.id && a.answer === q.correct)).length;
  return { correct, asked: questions.length };
}
