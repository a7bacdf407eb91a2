// Request shapes of the visits API (zod). Dates and formats are checked by the domain's checkVisit, so a bad value
// comes back on its own field with the domain's Russian message.
import { z } from 'zod';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());
const id = (message: string) => z.number(message).int(message).positive(message);

const visitFields = {
  visitedOn: z.string('Укажите дату в формате ГГГГ-ММ-ДД').trim(),
  format: z.string('Выберите формат: очно или дистанционно').trim(),
  notes: z.string('Нужен текст').default(''),
};

export const listQuery = z.object({ cycleId: optionalId, regionId: optionalId, municipalityId: optionalId });
export type ListQuery = z.infer<typeof listQuery>;

export const schoolQuery = z.object({ cycleId: optionalId });

export const schoolParams = z.object({ schoolId: z.coerce.number().int().positive() });

export const createBody = z.object({
  cycleId: id('Выберите год проекта'),
  schoolId: id('Выберите школу'),
  ...visitFields,
});
export type CreateInput = z.infer<typeof createBody>;

export const updateBody = z.object(visitFields);
export type UpdateInput = z.infer<typeof updateBody>;
