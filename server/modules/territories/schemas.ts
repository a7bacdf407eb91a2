// Request shapes of the territories API (zod), with Russian messages for people.
import { z } from 'zod';
import { cleanName } from '../../http/input.js';
import {
  CODE_MESSAGE,
  CODE_RE,
  EMAIL_MESSAGE,
  isEmail,
  isPhone,
  LOCALITIES,
  PHONE_MESSAGE,
} from '../../../domain/territories/school.js';

const REQUIRED = 'Заполните поле';
const tooLong = (n: number) => `Не длиннее ${n} знаков`;

/** Empty query parameters ("?regionId=") mean "not given". */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

export const code = z.string(REQUIRED).trim().min(1, REQUIRED).regex(CODE_RE, CODE_MESSAGE);
/** A name: stored without control, format or invisible characters, with single spaces. */
const name = (max: number) => z.string(REQUIRED).transform(cleanName).pipe(z.string().min(1, REQUIRED).max(max, tooLong(max)));
const text = (max: number) => z.string().trim().max(max, tooLong(max));

export const regionBody = z.object({ code, name: name(300) });
export const regionPatch = regionBody.partial();

export const municipalityBody = z.object({
  regionId: z.number(REQUIRED).int().positive(),
  code,
  name: name(300),
});
export const municipalityPatch = z.object({ code: code.optional(), name: name(300).optional() });

export const municipalitiesQuery = z.object({ regionId: optionalId });

const email = text(200).refine((v) => v === '' || isEmail(v), EMAIL_MESSAGE);
const phone = text(100).refine((v) => v === '' || isPhone(v), PHONE_MESSAGE);

/** Context numbers (контекстные данные): null removes a value. */
export const contextBody = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'Неизвестный показатель'),
    z
      .number('Нужно число')
      .int('Нужно целое число')
      .min(0, 'Не может быть меньше 0')
      .max(1_000_000, 'Слишком большое число')
      .nullable(),
  )
  .refine((v) => Object.keys(v).length <= 30, 'Слишком много показателей');

export const schoolBody = z.object({
  municipalityId: z.number(REQUIRED).int().positive(),
  code,
  fullName: name(1000),
  shortName: name(300),
  address: text(1000).default(''),
  locality: z.enum(LOCALITIES, 'Выберите: город или село'),
  directorName: text(300).default(''),
  email: email.default(''),
  phone: phone.default(''),
  context: contextBody.default({}),
});

export const schoolPatch = z.object({
  code: code.optional(),
  fullName: name(1000).optional(),
  shortName: name(300).optional(),
  address: text(1000).optional(),
  locality: z.enum(LOCALITIES, 'Выберите: город или село').optional(),
  directorName: text(300).optional(),
  email: email.optional(),
  phone: phone.optional(),
  context: contextBody.optional(),
});
export type SchoolPatch = z.infer<typeof schoolPatch>;

export const schoolsQuery = z.object({
  regionId: optionalId,
  municipalityId: optionalId,
  q: z.preprocess(blankToUndefined, z.string().trim().max(200, tooLong(200)).optional()),
  cycleYear: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(500).default(20)),
});

export const formatQuery = z.object({
  format: z.preprocess(blankToUndefined, z.enum(['xlsx', 'csv'], 'Формат файла: xlsx или csv').default('xlsx')),
});

export const importFields = z.object({
  mode: z.preprocess(blankToUndefined, z.enum(['all', 'valid'], 'Режим: all или valid').default('all')),
  dryRun: z
    .preprocess((v) => (v === undefined || v === '' ? 'false' : String(v)), z.enum(['true', 'false', '1', '0'], 'Укажите true или false'))
    .transform((v) => v === 'true' || v === '1'),
});
