// The default questionnaires and methodology shipped in domain/surveys, stored on first use (idempotent).
import { DEFAULT_INSTRUMENTS, DEFAULT_METHODOLOGY } from '../../../domain/surveys/index.js';
import type { Tx } from '../../db/client.js';
import { riskMethodologies, surveyInstruments } from '../../db/schema.js';

/** Inserts every default instrument (code, version) and the default methodology version when missing. */
export async function ensureSurveyDefaults(tx: Tx): Promise<void> {
  await tx
    .insert(surveyInstruments)
    .values(
      Object.values(DEFAULT_INSTRUMENTS).map((def) => ({
        code: def.code,
        version: def.version,
        title: def.title,
        definition: def as unknown as Record<string, unknown>,
      })),
    )
    .onConflictDoNothing({ target: [surveyInstruments.code, surveyInstruments.version] });
  await tx
    .insert(riskMethodologies)
    .values({
      version: DEFAULT_METHODOLOGY.version,
      title: DEFAULT_METHODOLOGY.title,
      definition: DEFAULT_METHODOLOGY as unknown as Record<string, unknown>,
    })
    .onConflictDoNothing({ target: riskMethodologies.version });
}
