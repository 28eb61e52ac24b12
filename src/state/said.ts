/** A message shown to the trainee (the patient's words, the coach, a refusal), in both UI languages. */
export interface Said {
  en: string;
  zh: string;
}

/** A message that exists in English only (an error's own text): shown as is in both languages. */
export const untranslated = (text: string): Said => ({ en: text, zh: text });

/** The refusals a trainee can meet from the UI, in Chinese (matched on the English message or the code). */
const REFUSALS_ZH: { match: RegExp | string; zh: string }[] = [
  { match: /rests on bone/, zh: '针尖抵在骨面，无法穿过：请退针并调整方向。' },
  { match: /redirection turns the needle at most/, zh: '单次调整方向最多 10°：请退针后重新进针。' },
  { match: /syringe holds/, zh: '注射器内剩余药液不足。' },
  { match: /point into the limb/, zh: '针必须指向肢体内部，而不是沿皮肤或向外。' },
  { match: /finished; start a new one/, zh: '本次操作已结束；请开始新的操作后再保存图像。' },
  { match: 'no-needle', zh: '尚未进针：请先在探头内侧端进针并推进。' },
  { match: 'replaying', zh: '正在回放已保存的操作记录，不能更改：请先关闭回放。' },
  { match: 'not-ready', zh: '膝关节模型仍在构建中，请稍候。' },
  { match: /newer version of the trainer, which updated/, zh: '无法打开操作记录：另一个标签页中运行着更新版本的训练器，已升级了保存的记录。请刷新本页以使用新版本；已保存的内容不会丢失。' },
  { match: /another tab is running an older version/, zh: '无法打开操作记录：另一个标签页运行着旧版本的训练器。请关闭其他标签页后刷新。' },
  { match: /open in another tab, which now keeps it/, zh: '此操作记录未保存：它已在另一个标签页中打开并由该页保存。请在那里继续，或在本页接管。' },
  { match: /is an imported record; it cannot be continued/, zh: '这是导入的操作记录，不能在此继续。' },
  { match: /larger than \d+ MB/, zh: '文件过大（单次导入上限 50 MB）：请每个文件导出较少的记录。未导入任何内容。' },
  { match: /attempts; one import takes at most/, zh: '文件中的操作记录过多（单次导入最多 500 条）：请每个文件导出较少的记录。未导入任何内容。' },
  { match: /which this trainer does not have/, zh: '文件中的病例在本训练器中不存在。未导入任何内容。' },
  { match: /but its log loads/, zh: '记录所述病例与其事件日志中加载的病例不一致。未导入任何内容。' },
  { match: /runs into the future/, zh: '记录的时间在未来：请检查生成该记录的电脑的时钟。未导入任何内容。' },
  { match: 'invalid-import', zh: '无法导入此文件（不是本训练器的记录文件、文件已损坏或版本过新），未做任何更改。' },
  { match: 'storage-full', zh: '浏览器存储空间已满：请导出并删除旧的操作记录。' },
  { match: 'storage-unavailable', zh: '浏览器存储不可用（可能被阻止或处于隐私模式）：操作记录无法保存。' },
];

/** What a refused action says to the trainee, in both languages. */
export const errorSaid = (e: unknown): Said => {
  const en = e instanceof Error ? e.message : String(e);
  const code = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : '';
  const known = REFUSALS_ZH.find(({ match }) => (typeof match === 'string' ? match === code : match.test(en)));
  return { en, zh: known ? known.zh : `操作被拒绝：${en}` };
};
