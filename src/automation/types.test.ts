import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The automation API's reference is its doc comments in types.ts (the shared automation.md is
 * read-only): every public member and every published type must carry one.
 */
describe('window.sim’s types document every public field', () => {
  const file = new URL('./types.ts', import.meta.url);
  const source = ts.createSourceFile('types.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const documented = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).some((doc) => ts.isJSDoc(doc) && (doc.comment?.length ?? 0) > 0);
  const nameOf = (member: ts.TypeElement) => (member.name && ts.isIdentifier(member.name) ? member.name.text : '?');

  /** Members of an interface or type literal without a comment, with nested literals' members too (attempts.list, ...). */
  function undocumented(members: ts.NodeArray<ts.TypeElement>, prefix: string): string[] {
    return members.flatMap((member) => {
      const name = `${prefix}${nameOf(member)}`;
      const own = documented(member) ? [] : [name];
      const type = ts.isPropertySignature(member) ? member.type : undefined;
      // A small hook object (faults) is described by its parent's comment; a larger one member by member.
      const nested = type && ts.isTypeLiteralNode(type) && type.members.length > 1 ? undocumented(type.members, `${name}.`) : [];
      return [...own, ...nested];
    });
  }

  it('every member of SimAutomation (and of its attempts) has a doc comment', () => {
    const api = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'SimAutomation');
    expect(api).toBeDefined();
    expect(api!.members.length).toBeGreaterThan(25);
    expect(undocumented(api!.members, '')).toEqual([]);
  });

  it('every type the file declares has a doc comment', () => {
    const declared = source.statements.filter((s): s is ts.TypeAliasDeclaration | ts.InterfaceDeclaration => ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s));
    expect(declared.length).toBeGreaterThan(5);
    expect(declared.filter((d) => !documented(d)).map((d) => d.name.text)).toEqual([]);
  });
});
