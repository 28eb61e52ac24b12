import type { TissueType } from '../anatomy/tissues';
import type { Message } from '../message';

/**
 * One voice's words as the trainee is shown them: what it says now, and a turn that counts every
 * change (spoken or hushed), so the same words said again, or said after the trainee dismissed
 * them, show again, and a store mirroring a snapshot knows a new word from one it has shown.
 */
export interface Spoken {
  said: Message | null;
  turn: number;
}

export const silence: Spoken = { said: null, turn: 0 };

export const speak = (spoken: Spoken, said: Message): Spoken => ({ said, turn: spoken.turn + 1 });

/** The words go (the tip left the nerve they were about). */
export const hush = (spoken: Spoken): Spoken => (spoken.said === null ? spoken : { said: null, turn: spoken.turn + 1 });

/** Where the tip is on (epineurium) or in a nerve: words about the nerve stand while it is. */
export const NERVE_TISSUE: ReadonlySet<TissueType> = new Set<TissueType>(['epineurium', 'nerve']);
