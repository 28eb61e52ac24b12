/**
 * The fill an injection puts in each voxel, held until its front has stopped (spread.ts) and then
 * written to the grid, told to the warp and the filled box grown, in the order filled: a voxel's
 * first write is a cache miss (the grid is 36 MB, and the warp's slot and column arrays are as
 * scattered), and out of the front's loop the misses overlap instead of each stalling the next
 * pop. Nothing in the loop reads a voxel filled in the same injection: each is popped once, and
 * the front reads the fill only of voxels it has not seen. One for every spread (one injection
 * runs at a time), so no part of any one's state.
 */
export class PendingFill {
  voxels = new Int32Array(8192);
  fill = new Uint8Array(8192);
  count = 0;

  add(voxel: number, fill: number): void {
    if (this.count === this.voxels.length) this.grow();
    this.voxels[this.count] = voxel;
    this.fill[this.count++] = fill;
  }

  private grow(): void {
    const voxels = new Int32Array(2 * this.voxels.length);
    const fill = new Uint8Array(2 * this.fill.length);
    voxels.set(this.voxels);
    fill.set(this.fill);
    this.voxels = voxels;
    this.fill = fill;
  }
}

export const pendingFill = new PendingFill();
