/**
 * A trainee's learning curve: scores over attempts and the CUSUM of failures against an
 * acceptable failure rate. Each failed attempt adds (1 − p0), each success subtracts p0; a curve
 * that falls steadily shows a failure rate below p0, one that crosses the upper limit h shows a
 * rate above it (the usual CUSUM for procedural skills).
 */
export const DEFAULT_PASS_SCORE = 80;
export const DEFAULT_ACCEPTABLE_FAILURE_RATE = 0.2;
/** Decision limit: crossing it signals an unacceptable failure rate (a common choice for h). */
export const CUSUM_DECISION_LIMIT = 2;

export interface LearningPoint {
  attempt: number;
  score: number;
  failed: boolean;
  cusum: number;
}

export function learningCurve(scores: readonly number[], passScore = DEFAULT_PASS_SCORE, acceptableFailureRate = DEFAULT_ACCEPTABLE_FAILURE_RATE): LearningPoint[] {
  if (!(acceptableFailureRate > 0 && acceptableFailureRate < 1)) throw new RangeError('The acceptable failure rate must lie between 0 and 1.');
  let cusum = 0;
  return scores.map((score, i) => {
    const failed = !(score >= passScore);
    cusum += failed ? 1 - acceptableFailureRate : -acceptableFailureRate;
    return { attempt: i + 1, score, failed, cusum };
  });
}
