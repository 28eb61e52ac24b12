/**
 * What an attempts file may hold. Generous for any real attempt (a 30-minute scan samples the probe
 * about 36 000 times), small enough that a hostile or broken file cannot fill the disk or freeze the
 * page. Each limit is named in the message that refuses a file.
 */
export const IMPORT_LIMITS = {
  /** The whole file, bytes (UTF-16 code units of its text are counted the same). */
  fileBytes: 50 * 1024 * 1024,
  attemptsPerFile: 500,
  eventsPerAttempt: 100_000,
  /** Ids, case ids, image ids, question ids. */
  idChars: 200,
  traineeChars: 200,
  /** Reasoning answers and the texts of a carried score (titles, reasons, advice). */
  textChars: 4000,
  /** One injection step: the syringe is 10 ml. */
  injectionMaxMl: 10,
  /** Any length or coordinate: far beyond a knee, short of numbers that break the simulation. */
  lengthMaxMm: 10_000,
  /** An event's time after the attempt's start: a day. */
  eventMaxMs: 24 * 3600 * 1000,
  /** Clocks of two machines may differ: a start or an event this far after now is still accepted. */
  clockSkewMs: 5 * 60 * 1000,
} as const;

export const megabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;
