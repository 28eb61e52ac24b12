import type { StoredAttempt } from '../storage/storedAttempt';

/** A trainee's attempt as read back from the LRS: rebuilt from its attached event log and rescored here. */
export interface CohortAttempt extends Pick<StoredAttempt, 'record' | 'result' | 'fluid'> {
  /** The score the LRS statement claimed differed from the one rescored from the events. */
  altered: boolean;
  /** The completed statement's id (what the LRS holds). */
  statementId: string;
  /** When the LRS stored it (ISO 8601): the `since` cursor of the next pull. */
  stored: string;
}
