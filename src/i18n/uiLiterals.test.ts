import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import ts from 'typescript';

/**
 * Untranslated text must not creep back into the UI: every word a person reads comes from the
 * locale files through t(). This parses each component (TypeScript's own parser, so JSX text,
 * string props and string expressions are told apart reliably) and lists any English left in:
 *   - JSX text between tags;
 *   - props a person reads (title, aria-label, placeholder, alt, label…) given a string or a
 *     template literal rather than t();
 *   - string literals shown as JSX children ({cond ? 'Yes' : 'No'}).
 * Keys passed to t() and data-testid values are not text; units and symbols are allowed.
 */

const FILES = [
  ...readdirSync('src/ui', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx')).map((f) => `src/ui/${f}`),
  'src/scene/AnatomyLabels.tsx',
];

/** Props whose value a person reads or hears. */
const READ_PROPS = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'alt', 'label', 'summary']);
/** Words that are not English to translate: units and symbols, as both languages write them. */
const ALLOWED = new Set(['mm', 'ml', 'psi', 'dB', 'MHz', 's']);
/** The functions that look a key up: their arguments are keys and values, not text. */
const TEXT_FUNCTIONS = new Set(['t', 'tx', 'text', 'inBoth']);

const englishIn = (s: string): string[] => (s.match(/[A-Za-z][A-Za-z'-]*/g) ?? []).filter((w) => !ALLOWED.has(w));

function findLiterals(file: string, code = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const report = (node: ts.Node, text: string) => {
    if (englishIn(text).length > 0) found.push(`${where(node)} ${JSON.stringify(text.trim())}`);
  };
  /** String pieces of an expression a person would read: literals, template parts; not keys given to t(), not comparisons. */
  const readStrings = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isIdentifier(node.expression) ? node.expression.text : ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : '';
      if (TEXT_FUNCTIONS.has(callee)) return;
      // Other calls compute values (n(), q(), join(' / ')): their string arguments are units or separators, checked as such.
    }
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(node.operatorToken.kind)) return;
    // Element access (a[key]) and array literals (lists of ids to map over) hold no shown text.
    if (ts.isElementAccessExpression(node) || ts.isArrayLiteralExpression(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return report(node, node.text);
    if (ts.isTemplateExpression(node)) {
      report(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
      node.templateSpans.forEach((s) => readStrings(s.expression));
      return;
    }
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return visit(node);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return visit(node.body);
    ts.forEachChild(node, readStrings);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      report(node, node.text);
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(source);
      const init = node.initializer;
      if (!READ_PROPS.has(name) || !init) {
        // Event handlers and other props may hold JSX; their string arguments are not shown text.
        if (init && ts.isJsxExpression(init) && init.expression) ts.forEachChild(init.expression, function walk(n): void {
          if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) visit(n);
          else ts.forEachChild(n, walk);
        });
        return;
      }
      if (ts.isStringLiteral(init)) report(init, init.text);
      else if (ts.isJsxExpression(init) && init.expression) readStrings(init.expression);
      return;
    }
    if (ts.isJsxExpression(node) && node.expression && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      readStrings(node.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Plain .ts modules of the UI (actions, score texts): no English phrase outside an Error for the programmer. */
function findPhrases(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && node.expression.getText(source) === 'Error') return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (/[A-Za-z]{2,} [A-Za-z]{2,}/.test(node.text)) found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${JSON.stringify(node.text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const MODULES = readdirSync('src/ui', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => `src/ui/${f}`);

describe('no English literals in the UI components', () => {
  it.each(MODULES)('%s holds no English phrase (its texts are locale keys)', (file) => {
    expect(findPhrases(file)).toEqual([]);
  });

  it('finds the components', () => {
    expect(FILES.length).toBeGreaterThan(20);
  });

  it.each(FILES)('%s takes every word it shows from the locale files', (file) => {
    expect(findLiterals(file)).toEqual([]);
  });

  it('catches the text it is meant to catch', () => {
    const probe = 'src/i18n/__literal_probe__.tsx';
    const samples = [
      '<p>Finish and score</p>',
      '<button title="Press and hold">x</button>',
      '<div aria-label={`Depth scale, 0 to ${d} mm`} />',
      '<input placeholder="your name" />',
      '<span>{busy ? \'Saving\' : t(\'x.y\')}</span>',
    ];
    for (const sample of samples) {
      const found = findLiterals(probe, `export const C = () => (${sample});`);
      expect(found.length, sample).toBeGreaterThan(0);
    }
    const clean = ['<p>{t(\'attempt.finish\')}</p>', '<span data-testid="finish">{q(5, \'mm\')}</span>', '<div className="tick">{mode === \'b-mode\' ? t(\'a\') : t(\'b\')}</div>', '<div>mm</div>', '<span>◀ {n(2)} / 100</span>'];
    for (const sample of clean) expect(findLiterals(probe, `export const C = () => (${sample});`), sample).toEqual([]);
  });
});
