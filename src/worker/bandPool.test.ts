import { describe, expect, it } from 'vitest';
import { imageWorkerCount, MAX_IMAGE_WORKERS } from './bandPool';

describe('imageWorkerCount', () => {
  it('starts band workers only where there are cores to spare beside the page and the simulation', () => {
    expect(imageWorkerCount('', 2)).toBe(0);
    expect(imageWorkerCount('', 3)).toBe(2);
    expect(imageWorkerCount('', 8)).toBe(MAX_IMAGE_WORKERS);
    expect(imageWorkerCount('', undefined)).toBe(0);
  });

  it('takes ?imageWorkers=N from 0 to the maximum, and ignores anything else', () => {
    expect(imageWorkerCount('?imageWorkers=1', 2)).toBe(1);
    expect(imageWorkerCount('?automation&imageWorkers=0', 16)).toBe(0);
    expect(imageWorkerCount('?imageWorkers=9', 8)).toBe(MAX_IMAGE_WORKERS);
    expect(imageWorkerCount('?imageWorkers=-1', 2)).toBe(0);
    expect(imageWorkerCount('?imageWorkers=1.5', 3)).toBe(2);
  });
});
