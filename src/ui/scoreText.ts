import type { AttemptFacts } from '../core/attempt/facts';
import type { ScoreItem, SafetyEvent } from '../core/scoring/result';
import {
  longestHoldMs, isShortAxisAtFibularHead, isLongAxis, tracedNerve, maxShortAxisCompressionMm, tipVisibleWhileAdvancing, countRedirections,
} from '../core/scoring/figures';
import type { Language } from '../i18n';

/**
 * The debrief's score texts in the UI's language. Core scores in English (its reasons carry the
 * figures); in Chinese the same figures are written again from the facts, item by item.
 */
const TITLES_ZH: Record<string, string> = {
  'short-axis-view': '在腓骨头处获得腓总神经短轴切面',
  'long-axis-view': '获得长轴切面',
  'long-axis-trace': '沿长轴追踪神经',
  'dynamic-compression': '短轴下动态加压',
  'tip-visible-advancing': '进针时针在平面内',
  'medial-to-lateral': '由内向外平面内进针',
  'tip-visible-injecting': '每次注射时针尖可见',
  'few-passes': '进针次数少',
  'fluid-leads-needle': '液体先行，针随其后',
  halo: '神经周围晕环',
  'longitudinal-spread': '沿神经鞘扩散',
  volume: '注射容量',
  'above-and-below': '神经上方和下方',
  'saved-short-axis': '注射后保存显示晕环的短轴图像',
  'saved-long-axis': '注射后保存显示扩散的长轴图像',
};

const ADVICE_ZH: Record<string, string> = {
  'short-axis-view': '探头横置于腓骨头后内侧，找到腓总神经短轴切面并保持稳定至少 1 秒。',
  'long-axis-view': '旋转探头 90° 显示神经长轴，并保持至少 1 秒。',
  'long-axis-trace': '在长轴上沿神经向腓骨头近端和远端各滑动，共覆盖至少 30 mm。',
  'dynamic-compression': '短轴下在神经上方加压（≥ 2 mm），观察神经与腓肠肌是否一起移动。',
  'tip-visible-advancing': '只在看见针尖时进针；看不见时先调整探头找到针尖。',
  'medial-to-lateral': '在探头内侧（标记）端进针，针朝外侧方向，保持在平面内。',
  'tip-visible-injecting': '每次注射前确认针尖在图像中。',
  'few-passes': '规划好路径，减少退针重进和反复调整（≤ 2 次）。',
  'fluid-leads-needle': '接近神经时先注射少量液体，让液体打开间隙，再把针推进液体中。',
  halo: '在神经上方和下方分别注射，使液体环绕神经一周（≥ 90%）。',
  'longitudinal-spread': '让液体沿神经鞘扩散：在鞘内缓慢注射，长轴下确认扩散 ≥ 20 mm。',
  volume: '总量控制在 4–6 ml（约 5 ml）。',
  'above-and-below': '神经上方和下方各注射约 2.5 ml（每侧 ≥ 1.5 ml）。',
  'saved-short-axis': '注射后在短轴下保存显示晕环的图像。',
  'saved-long-axis': '注射后在长轴下保存显示液体沿神经扩散的图像。',
};

const SAFETY_ZH: Record<string, string> = {
  'nerve-touched': '针尖触及神经外膜：患者出现异感，神经有受损风险',
  'needle-in-nerve': '针尖进入神经：机械性神经损伤',
  'high-pressure-injection': '开启压力 ≥ 15 psi 时注射：针尖抵住或位于神经内',
  'intraneural-injection': '神经内注射：神经肿胀，可能造成永久损伤',
  'vessel-punctured': '刺破血管：神经周围血肿风险',
  'intravascular-injection': '血管内注射：药物进入循环',
  'bone-struck': '针尖触骨：疼痛，提示未注意进针深度',
  'over-10-ml': '注射超过 10 ml：超出分离所需',
  'injection-tip-not-visible': '针尖不可见时注射：液体去向不明',
  'entrapment-site-missed': '卡压部位未被处理：注射前需沿长轴追踪找出所有卡压部位',
};

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '0');

function reasonZh(id: string, facts: AttemptFacts): string {
  switch (id) {
    case 'short-axis-view':
      return `腓骨头处短轴切面保持 ${(longestHoldMs(facts, isShortAxisAtFibularHead) / 1000).toFixed(1)} 秒（≥ 1 秒满分）`;
    case 'long-axis-view':
      return `长轴切面保持 ${(longestHoldMs(facts, isLongAxis) / 1000).toFixed(1)} 秒（≥ 1 秒满分）`;
    case 'long-axis-trace': {
      const t = tracedNerve(facts);
      return `长轴覆盖神经 ${f1(t.coveredMm)} mm，腓骨头近端 ${f1(t.proximalMm)} mm、远端 ${f1(t.distalMm)} mm（跨腓骨头 ≥ 30 mm 满分）`;
    }
    case 'dynamic-compression':
      return `短轴下神经上方最大加压 ${f1(maxShortAxisCompressionMm(facts))} mm（≥ 2 mm 满分）`;
    case 'tip-visible-advancing': {
      const v = tipVisibleWhileAdvancing(facts);
      return `进针 ${f1(v.advancedMm)} mm 中针尖可见 ${v.advancedMm > 0 ? ((100 * v.tipVisibleMm) / v.advancedMm).toFixed(0) : 0}%（≥ 80% 满分）`;
    }
    case 'medial-to-lateral':
      return `${facts.insertions.filter((i) => i.entryMedialToProbe && i.directedLateral).length}/${facts.insertions.length} 次进针由内侧进针并朝向外侧`;
    case 'tip-visible-injecting':
      return `${facts.injections.filter((i) => i.tipVisible).length}/${facts.injections.length} 次注射时针尖可见`;
    case 'few-passes':
      return `调整 ${countRedirections(facts).redirections} 次（≤ 2 次满分）`;
    case 'fluid-leads-needle':
      return '接近神经（< 5 mm）时针只进入液体打开的间隙';
    case 'halo':
      return `晕环 ${f1(facts.fluid.haloCoveragePct)}%（≥ 90% 满分，< 25% 不得分）`;
    case 'longitudinal-spread':
      return `沿神经扩散 ${f1(facts.fluid.spreadProximalMm + facts.fluid.spreadDistalMm)} mm，近端 ${f1(facts.fluid.spreadProximalMm)}、远端 ${f1(facts.fluid.spreadDistalMm)}（≥ 20 mm 满分）`;
    case 'volume':
      return `总量 ${facts.fluid.totalMl.toFixed(2)} ml（4–6 ml 满分）`;
    case 'above-and-below':
      return `神经上方 ${facts.fluid.superficialMl.toFixed(2)} ml，下方 ${facts.fluid.deepMl.toFixed(2)} ml（每侧 ≥ 1.5 ml 满分）`;
    case 'saved-short-axis':
      return `注射后保存的短轴图像中晕环最高 ${f1(Math.max(0, ...facts.savedImages.filter((s) => s.afterInjection && s.view === 'short-axis').map((s) => s.haloCoveragePctInImage)))}%（≥ 75% 满分）`;
    case 'saved-long-axis':
      return `注射后保存的长轴图像中沿神经液体最长 ${f1(Math.max(0, ...facts.savedImages.filter((s) => s.afterInjection && s.view === 'long-axis').map((s) => s.fluidAlongNerveMmInImage)))} mm（≥ 15 mm 满分）`;
    default:
      return '';
  }
}

export function itemTitle(item: ScoreItem, language: Language): string {
  return language === 'zh' ? (TITLES_ZH[item.id] ?? item.title) : item.title;
}

export function itemReason(item: ScoreItem, facts: AttemptFacts, language: Language): string {
  return language === 'zh' ? reasonZh(item.id, facts) || item.reason : item.reason;
}

export function itemAdvice(item: ScoreItem, language: Language): string | null {
  if (!item.advice) return null;
  return language === 'zh' ? (ADVICE_ZH[item.id] ?? item.advice) : item.advice;
}

export function safetyDescription(event: SafetyEvent, language: Language): string {
  if (language !== 'zh') return event.description;
  const effect = event.capTo !== null ? `（总分上限 ${event.capTo}）` : event.penalty > 0 ? `（−${event.penalty}）` : '';
  return `${SAFETY_ZH[event.kind] ?? event.kind}${effect}`;
}

export { TITLES_ZH, ADVICE_ZH, SAFETY_ZH };
