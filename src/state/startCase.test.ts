import { describe, expect, it } from 'vitest';
import { caseParameters, findCase, startCaseParameters } from '../core/cases/cases';
// The store first: the case slice is one of its parts and imports it back.
import './store';
import { validateLoadOptions } from './caseSlice';

describe('the start case', () => {
  it('is the case the app opens without options, which the worker prepares as it starts', () => {
    const { caseId, side, seed } = validateLoadOptions({});
    expect(caseParameters(findCase(caseId)!, side, seed)).toEqual(startCaseParameters());
  });
});
